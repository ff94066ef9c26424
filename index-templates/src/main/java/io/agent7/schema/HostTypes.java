package io.agent7.schema;

import static io.agent7.schema.FieldType.DATE;
import static io.agent7.schema.FieldType.LONG;

/** Data types collected from each endpoint. */
final class HostTypes {

    static final DataType PROCESS = DataType.builder("process")
            .description("A process running on the host.")
            .field("process.pid", LONG, "Process id.")
            .field("process.start", DATE, "When the process started.")
            .field("process.parent.pid", LONG, "Parent process id.")
            .keywordText("process.name", "Process name, usually the executable's file name.")
            .keywordText("process.executable", "Absolute path of the process executable.")
            .longText("process.command_line", "Full command line, as the OS reports it.")
            .keyword("process.args", "Command line split into arguments; the first is the program.")
            .field("process.args_count", LONG, "Number of arguments.")
            .keyword("process.working_directory", "Working directory of the process.")
            .caseless("process.user.name", "Name of the account the process runs as.")
            .keyword("process.user.id", "Id of that account: a uid on Linux, a SID on Windows.")
            .identity("process.pid", "process.start")
            .build();

    private HostTypes() {
    }
}
