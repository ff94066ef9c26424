package io.agent7.simulator.host;

import java.util.List;
import java.util.Locale;

/**
 * Names of Linux kernel threads, as ps shows them. A kernel thread process stores a number
 * ({@link Proc#arg()}) that decodes to its name here.
 */
final class KernelThreads {

    static final List<String> EARLY = List.of(
            "rcu_gp",
            "rcu_par_gp",
            "slub_flushwq",
            "netns",
            "kworker/0:0H-events_highpri",
            "mm_percpu_wq",
            "rcu_tasks_kthread",
            "rcu_tasks_rude_kthread",
            "rcu_tasks_trace_kthread",
            "ksoftirqd/0",
            "rcu_preempt",
            "migration/0",
            "cpuhp/0");
    static final List<String> LATE = List.of(
            "kdevtmpfs",
            "inet_frag_wq",
            "kauditd",
            "khungtaskd",
            "oom_reaper",
            "writeback",
            "kcompactd0",
            "ksmd",
            "khugepaged",
            "kintegrityd",
            "kblockd",
            "blkcg_punt_bio",
            "tpm_dev_wq",
            "ata_sff",
            "md",
            "edac-poller",
            "devfreq_wq",
            "watchdogd",
            "kswapd0",
            "kthrotld",
            "acpi_thermal_pm",
            "scsi_eh_0",
            "scsi_tmf_0",
            "scsi_eh_1",
            "scsi_tmf_1",
            "vmw_pvscsi_wq_0",
            "mld",
            "ipv6_addrconf",
            "kstrp",
            "zswap-shrink",
            "charger_manager",
            "jbd2/sda1-8",
            "ext4-rsv-conver",
            "cryptd",
            "ttm");
    /** Per-CPU threads, for CPU 1 and up (CPU 0's are in {@link #EARLY}). */
    private static final List<String> PER_CPU =
            List.of("cpuhp/%d", "migration/%d", "ksoftirqd/%d", "kworker/%d:0H-events_highpri");
    /** Per-CPU threads started after the early ones, for every CPU. */
    private static final List<String> PER_CPU_LATE = List.of("kworker/%d:1-events", "kworker/%d:2-mm_percpu_wq");

    private static final List<String> UNBOUND_QUEUES = List.of(
            "events_unbound",
            "events_power_efficient",
            "flush-8:0",
            "writeback",
            "ext4-rsv-conversion",
            "events_freezable_power_");

    static final int LATE_BASE = 1_000;
    static final int CPU_BASE = 10_000;
    static final int CPU_LATE_BASE = 20_000;
    static final int UNBOUND_BASE = 100_000;

    private KernelThreads() {}

    static String name(int arg, int cores) {
        if (arg >= UNBOUND_BASE) {
            int n = (arg - UNBOUND_BASE) / UNBOUND_QUEUES.size();
            String queue = UNBOUND_QUEUES.get((arg - UNBOUND_BASE) % UNBOUND_QUEUES.size());
            return "kworker/u" + 2 * cores + ":" + n + "-" + queue;
        }
        if (arg >= CPU_LATE_BASE) {
            int v = arg - CPU_LATE_BASE;
            return String.format(Locale.ROOT, PER_CPU_LATE.get(v % PER_CPU_LATE.size()), v / PER_CPU_LATE.size());
        }
        if (arg >= CPU_BASE) {
            int v = arg - CPU_BASE;
            return String.format(Locale.ROOT, PER_CPU.get(v % PER_CPU.size()), v / PER_CPU.size());
        }
        if (arg >= LATE_BASE) {
            return LATE.get(arg - LATE_BASE);
        }
        return EARLY.get(arg);
    }

    static int perCpu(int cpu, int kind) {
        return CPU_BASE + cpu * PER_CPU.size() + kind;
    }

    static int perCpuKinds() {
        return PER_CPU.size();
    }

    static int perCpuLate(int cpu, int kind) {
        return CPU_LATE_BASE + cpu * PER_CPU_LATE.size() + kind;
    }

    static int perCpuLateKinds() {
        return PER_CPU_LATE.size();
    }

    static int unbound(int n, int queue) {
        return UNBOUND_BASE + n * UNBOUND_QUEUES.size() + queue % UNBOUND_QUEUES.size();
    }

    static int queues() {
        return UNBOUND_QUEUES.size();
    }
}
