package io.agent7.agent.collect.windows.accounts;

/**
 * One printer of EnumPrinters level 2 ({@code PRINTER_INFO_2}).
 *
 * @param serverName {@code pServerName}: null for a local printer, {@code \\server} for a connection
 * @param printerName {@code pPrinterName}: {@code \\server\name} for a connection
 * @param shareName {@code pShareName}
 * @param portName {@code pPortName}
 * @param driverName {@code pDriverName}
 * @param comment {@code pComment}
 * @param location {@code pLocation}
 * @param attributes {@code Attributes}: the {@code PRINTER_ATTRIBUTE_*} bits
 * @param status {@code Status}: the {@code PRINTER_STATUS_*} bits
 * @param jobs {@code cJobs}: jobs queued
 */
public record PrinterInfo(
        String serverName,
        String printerName,
        String shareName,
        String portName,
        String driverName,
        String comment,
        String location,
        int attributes,
        int status,
        int jobs) {}
