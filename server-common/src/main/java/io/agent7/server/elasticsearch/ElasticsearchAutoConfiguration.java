package io.agent7.server.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.ElasticsearchTransportBase;
import co.elastic.clients.transport.rest_client.RestClientHttpClient;
import io.agent7.schema.Schema;
import io.agent7.schema.templates.ElasticsearchHttp;
import io.agent7.schema.templates.IndexSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** One Elasticsearch client per service, built from {@link ElasticsearchProperties}. */
@AutoConfiguration
@EnableConfigurationProperties(ElasticsearchProperties.class)
public class ElasticsearchAutoConfiguration {

    @Bean(destroyMethod = "close")
    RestClient elasticsearchRestClient(ElasticsearchProperties properties) {
        HttpHost[] hosts = properties.url().stream()
                .map(url -> new HttpHost(
                        url.getHost(),
                        url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 9200),
                        url.getScheme()))
                .toArray(HttpHost[]::new);
        // The REST client sends each request to the next node in turn; one that fails is left out
        // for a while (from a minute, growing) and the request is retried on another, within its deadline.
        RestClientBuilder builder = RestClient.builder(hosts)
                .setRequestConfigCallback(request -> request
                        // Waiting for a connection from the pool is bounded too: unset, it is not.
                        .setConnectionRequestTimeout(
                                (int) properties.requestTimeout().toMillis())
                        .setConnectTimeout((int) properties.connectTimeout().toMillis())
                        .setSocketTimeout((int) properties.socketTimeout().toMillis()));
        String path = properties.url().get(0).getPath();
        if (path != null && path.length() > 1) {
            builder.setPathPrefix(path);
        }
        SSLContext ssl = properties.caCertificate() == null ? null : sslContext(properties);
        builder.setHttpClientConfigCallback(http -> {
            // A route per node: any one may take them all while the others are down.
            http.setMaxConnTotal(properties.maxConnections()).setMaxConnPerRoute(properties.maxConnections());
            if (properties.hasCredentials()) {
                var credentials = new BasicCredentialsProvider();
                credentials.setCredentials(
                        AuthScope.ANY, new UsernamePasswordCredentials(properties.username(), properties.password()));
                http.setDefaultCredentialsProvider(credentials);
            }
            if (ssl != null) {
                http.setSSLContext(ssl);
            }
            return http;
        });
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    ElasticsearchTransport elasticsearchTransport(RestClient restClient, ElasticsearchProperties properties) {
        // RestClientTransport, with each request body handed to the REST client as one buffer, and
        // every answer completed on threads of our own within the request deadline.
        var http = new IsolatingHttpClient(
                new SingleBufferHttpClient(new RestClientHttpClient(restClient)),
                properties.requestTimeout(),
                properties.completionThreads());
        return new ElasticsearchTransportBase(http, null, new JacksonJsonpMapper()) {};
    }

    @Bean
    ElasticsearchClient elasticsearchClient(ElasticsearchTransport transport) {
        return new ElasticsearchClient(transport);
    }

    @Bean
    ElasticsearchAsyncClient elasticsearchAsyncClient(ElasticsearchTransport transport) {
        return new ElasticsearchAsyncClient(transport);
    }

    /** The schema installer's own small client: the same cluster, credentials and CA as the main client. */
    @Bean
    ElasticsearchHttp elasticsearchHttp(ElasticsearchProperties properties) {
        SSLContext ssl = properties.caCertificate() == null ? null : sslContext(properties);
        return new ElasticsearchHttp(properties.url(), properties.username(), properties.password(), ssl);
    }

    /** Turn off with {@code agent7.schema.install-on-start=false} where the schema is installed separately. */
    @Bean
    @ConditionalOnBooleanProperty(name = "agent7.schema.install-on-start", matchIfMissing = true)
    SchemaOnStartup schemaOnStartup(
            ElasticsearchHttp http,
            Schema schema,
            @Value("${agent7.schema.shards:#{null}}") Integer shards,
            @Value("${agent7.schema.replicas:#{null}}") String replicas) {
        return new SchemaOnStartup(http, schema, IndexSettings.of(shards, replicas));
    }

    private static SSLContext sslContext(ElasticsearchProperties properties) {
        return trusting(properties.caCertificate(), "agent7.elasticsearch.ca-certificate");
    }

    /**
     * A TLS context that trusts the certificates of one PEM file and nothing else; {@code setting}
     * names where the file came from in the error when it cannot be read.
     */
    public static SSLContext trusting(Path caCertificate, String setting) {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read " + setting + " " + caCertificate + ": " + e.getMessage(), e);
        }
    }
}
