package io.agent7.detections;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Runs detection rules as scheduled searches and writes alerts. This release starts the
 * service, connects to Elasticsearch and reports health; rules come next.
 */
@SpringBootApplication
public class DetectionsApplication {

    public static void main(String[] args) {
        SpringApplication.run(DetectionsApplication.class, args);
    }
}
