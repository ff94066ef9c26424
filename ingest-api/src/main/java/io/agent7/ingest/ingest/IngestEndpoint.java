package io.agent7.ingest.ingest;

import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/** Registers {@link IngestServlet} for the paths under {@code /api/v1/ingest/}, beside Spring MVC's servlet. */
@Configuration(proxyBeanMethods = false)
class IngestEndpoint {

    @Bean
    ServletRegistrationBean<IngestServlet> ingestServlet(
            ObjectProvider<IngestController> controller,
            ObjectProvider<IngestProblems> problems,
            ObjectProvider<RequestMappingHandlerAdapter> mvc,
            @Value("${spring.mvc.async.request-timeout:120s}") Duration timeout) {
        ServletRegistrationBean<IngestServlet> registration = new ServletRegistrationBean<>(
                new IngestServlet(controller, problems, mvc, timeout), "/api/v1/ingest/*");
        registration.setName("ingest");
        registration.setAsyncSupported(true);
        return registration;
    }
}
