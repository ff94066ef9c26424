package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.process.ImageFacts;
import io.agent7.agent.collect.windows.process.Signature;
import io.agent7.agent.collect.windows.process.VersionResource;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code process.*} fields of a program file that processes, services, tasks and
 * startup items share: path, command line, arguments, hash, signature and version resource.
 */
final class ImageFields {

    /** winerror.h: WinVerifyTrust found no signature, embedded or by catalog. */
    private static final int TRUST_E_NOSIGNATURE = 0x800B0100;

    private ImageFields() {}

    /**
     * Writes the image fields into {@code process}.
     *
     * @param title      a retitled Linux process: the command line is one argument
     * @param hashPath   the path the hash is derived from (per-user paths with the user left out)
     */
    static void write(
            ObjectNode process,
            String executable,
            String commandLine,
            boolean title,
            String hashPath,
            String version,
            String company,
            String description,
            boolean windows,
            boolean signed) {
        Json.text(process, "executable", executable);
        if (commandLine != null && !commandLine.isEmpty()) {
            process.put("command_line", commandLine);
            List<String> args = title ? List.of(commandLine) : CommandLine.split(commandLine);
            ArrayNode array = process.putArray("args");
            args.forEach(array::add);
            process.put("args_count", args.size());
        }
        if (executable == null || executable.isEmpty()) {
            return;
        }
        Json.obj(process, "hash").put("sha256", Hashes.binary(hashPath, version));
        if (!windows) {
            return;
        }
        ObjectNode signature = Json.obj(process, "code_signature");
        signature.put("exists", signed);
        if (signed) {
            signature.put("subject_name", signer(company, executable));
            signature.put("trusted", true);
            signature.put("valid", true);
            signature.put("status", "trusted");
            ObjectNode pe = Json.obj(process, "pe");
            Json.text(pe, "company", company);
            Json.text(pe, "description", description);
            pe.put("original_file_name", fileName(executable));
        }
    }

    /**
     * What the agent's image cache reads from a simulated Windows program file: the hash, the
     * signature and, for the signed programs of known vendors, the version resource.
     */
    static ImageFacts facts(
            String executable, String hashPath, String version, String company, String description, boolean signed) {
        String sha256 = Hashes.binary(hashPath, version);
        if (!signed) {
            return new ImageFacts(sha256, new Signature(TRUST_E_NOSIGNATURE, null), null);
        }
        return new ImageFacts(
                sha256,
                new Signature(0, signer(company, executable)),
                new VersionResource(company, description, fileName(executable)));
    }

    /** Windows' own files are signed by catalog as Microsoft Windows; other programs by their company. */
    private static String signer(String company, String executable) {
        return company.equals("Microsoft Corporation") && executable.startsWith("C:\\Windows\\")
                ? "Microsoft Windows"
                : company;
    }

    /** The image fields of a Linux process's program, with the process's placeholder values. */
    static void ofLinuxProcess(ObjectNode process, HostState h, Proc proc, Program program) {
        if (!program.hasImage()) {
            return;
        }
        Function<String, String> vars = ProcessVars.of(h, proc, program, false);
        String executable = ProcessVars.expand(program.path(), vars);
        String command = ProcessVars.expand(program.command(), vars);
        String hashPath = ProcessVars.expand(program.path(), ProcessVars.of(h, proc, program, true));
        String version = h.productVersion(program.product(), proc.ver());
        write(process, executable, command, program.title(), hashPath, version, "", "", false, true);
    }

    static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(slash + 1);
    }
}
