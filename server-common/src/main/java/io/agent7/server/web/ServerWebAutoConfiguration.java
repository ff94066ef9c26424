package io.agent7.server.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** Gives every service the same error bodies, and the one {@code agent7.retry-after}. */
@AutoConfiguration
@EnableConfigurationProperties(ApiProperties.class)
@Import(ApiProblemHandler.class)
public class ServerWebAutoConfiguration {}
