package io.agent7.agent.collect.windows.process;

/**
 * The strings of a program file's version resource that the schema keeps, from the string
 * table of one translation (see {@link VersionResources}). A string the file leaves out or
 * leaves empty is null.
 *
 * @param company          CompanyName, e.g. Microsoft Corporation
 * @param description      FileDescription, e.g. Windows host process (Rundll32)
 * @param originalFileName OriginalFilename, the name the file was built with, e.g. RUNDLL32.EXE;
 *                         what tells a renamed copy from its original
 */
public record VersionResource(String company, String description, String originalFileName) {}
