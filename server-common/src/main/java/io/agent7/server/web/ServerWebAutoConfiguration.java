package io.agent7.server.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** Gives every service the same error bodies. */
@AutoConfiguration
@Import(ApiProblemHandler.class)
public class ServerWebAutoConfiguration {}
