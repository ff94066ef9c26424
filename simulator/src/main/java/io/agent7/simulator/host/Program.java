package io.agent7.simulator.host;

import java.util.List;

/**
 * A kind of process: its image, how its command line looks, and the product whose version
 * it carries (which decides its hash). Paths and command lines are templates; see
 * {@link ProcessVars} for the placeholders.
 *
 * @param product  software catalogue key, Linux package, or {@code os} for Windows itself
 * @param title    a Linux process that rewrites its title ("nginx: worker process"): its
 *                 command line is one argument, not split on blanks
 */
record Program(
        String key,
        String name,
        String path,
        String command,
        String product,
        String company,
        String description,
        List<Listen> listens,
        boolean title) {

    boolean hasImage() {
        return path != null && !path.isEmpty();
    }

    /** The file name of the image, as the version resource's original file name. */
    String fileName() {
        int slash = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(slash + 1);
    }
}
