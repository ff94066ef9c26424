package io.agent7.search;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The analysts' side: the query API over every data type and the search console. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SearchUiApplication {

    public static void main(String[] args) {
        SpringApplication.run(SearchUiApplication.class, args);
    }
}
