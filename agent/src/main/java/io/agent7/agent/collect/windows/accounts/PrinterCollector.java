package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.accounts.win32.PrintersReader;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/** The printers of the host and its printer connections (EnumPrinters). */
public final class PrinterCollector implements Collector {

    private final DataType type;
    private final Supplier<List<PrinterInfo>> printers;
    private final Supplier<String> defaultPrinter;

    public PrinterCollector(Schema schema) {
        this(schema, () -> new PrintersReader().read(), () -> new PrintersReader().defaultPrinter());
    }

    PrinterCollector(Schema schema, Supplier<List<PrinterInfo>> printers, Supplier<String> defaultPrinter) {
        this.type = schema.require("printer");
        this.printers = printers;
        this.defaultPrinter = defaultPrinter;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        return PrinterDocs.documents(printers.get(), defaultPrinter.get());
    }
}
