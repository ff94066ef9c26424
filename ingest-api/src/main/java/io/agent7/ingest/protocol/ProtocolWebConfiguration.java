package io.agent7.ingest.protocol;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the protocol's converter ahead of the general JSON one, for the types it knows. */
@Configuration(proxyBeanMethods = false)
class ProtocolWebConfiguration implements WebMvcConfigurer {

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.addCustomConverter(new ProtocolMessageConverter());
    }
}
