package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code disk} documents: mounted volumes with size and use. */
final class DiskDocs {

    private DiskDocs() {}

    static List<ObjectNode> build(HostState h) {
        List<ObjectNode> docs = new ArrayList<>();
        for (Volumes.Volume v : Volumes.of(h.profile)) {
            double share = Volumes.used(h.profile, v, h.clock);
            long used = (long) (v.size() * share);
            ObjectNode doc = Json.doc();
            ObjectNode disk = doc.putObject("disk");
            disk.put("mount_point", v.mount());
            disk.put("used", used);
            disk.put("free", v.size() - used);
            disk.put("used_pct", Json.round(share));
            Json.text(disk, "mount_options", v.options());
            disk.put("encrypted", v.encrypted());
            ObjectNode volume = doc.putObject("volume");
            volume.put("device_name", v.device());
            volume.put("file_system_type", v.fileSystem());
            Json.text(volume, "mount_name", v.label());
            volume.put("serial_number", v.serial());
            volume.put("size", v.size());
            volume.put("removable", false);
            volume.put("writable", true);
            volume.put("device_type", "fixed");
            docs.add(doc);
        }
        return docs;
    }
}
