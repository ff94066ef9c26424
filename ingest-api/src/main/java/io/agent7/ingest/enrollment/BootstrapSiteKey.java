package io.agent7.ingest.enrollment;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates the configured bootstrap site key once the schema is in place. */
@Component
@Order(10)
class BootstrapSiteKey implements ApplicationRunner {

    private final BootstrapProperties properties;
    private final EnrollmentService enrollment;

    BootstrapSiteKey(BootstrapProperties properties, EnrollmentService enrollment) {
        this.properties = properties;
        this.enrollment = enrollment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.siteKey() != null && !properties.siteKey().isBlank()) {
            enrollment.ensureSiteKey(properties.siteKey(), "default", "default");
        }
    }
}
