package io.agent7.ingest;

import io.agent7.ingest.schema.InstallSchemaCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The data plane: agents enroll here, get their tokens here, and post their documents here.
 * {@code java -jar ingest-api.jar install-schema --es URL} installs the index templates and
 * exits without starting the server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class IngestApiApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(InstallSchemaCommand.NAME)) {
            System.exit(InstallSchemaCommand.run(args));
        }
        SpringApplication.run(IngestApiApplication.class, args);
    }
}
