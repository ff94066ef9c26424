package io.agent7.server.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * What Tomcat accepts in a request line, and how it answers what it refuses.
 *
 * <p>The filter DSL is made for Windows paths, {@code |} lists and quoted values, and people
 * type them into URLs as they are: {@code filter=process.executable,like,C:\Users\Public\*}.
 * RFC 3986 wants those characters percent-encoded and Tomcat refuses them raw with a 400, so
 * every character Tomcat can be told to let through in a query string is let through. A raw
 * space cannot be (it ends the request target); neither can a broken {@code %} escape. What
 * Tomcat still refuses comes back as problem details from {@link ProblemErrorReportValve}.
 *
 * <p>Ordered last: Spring Boot's own customizer may add an HTML {@link ErrorReportValve} to
 * the host, which this replaces, as it does the one Tomcat's host adds when it starts.
 */
final class TomcatRequestSettings implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    /** Every character Tomcat's {@code relaxedQueryChars} takes. */
    static final String RELAXED_QUERY_CHARS = "\\|\"{}[]^`<>";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("relaxedQueryChars", RELAXED_QUERY_CHARS));
        factory.addContextCustomizers(context -> {
            var host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemErrorReportValve());
            // A host adds a valve of this class when it starts unless it has one already: named
            // here, it finds ours instead of adding its HTML one.
            if (host instanceof StandardHost standardHost) {
                standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
