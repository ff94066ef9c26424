/**
 * The state model of the fleet simulator: many virtual Windows and Linux hosts in one JVM,
 * each reporting realistic, varied, slowly changing state through the collectors of {@link
 * io.agent7.simulator.host.VirtualHost#collectors}, as a real host's collectors would.
 *
 * <p>How it stays small and reproducible:
 * <ul>
 *   <li>Shared, immutable catalogues ({@code Programs}, {@code Services}, {@code Tasks},
 *       {@code SoftwareCatalog}, {@code RemoteEndpoints}) hold every name, path and command
 *       line; a host keeps only indices into them and a few hundred compact records
 *       ({@code Proc}, {@code Conn}, {@code Session}). Documents are built on demand and never
 *       kept. What hosts of a fleet see of each other (the directory, the print server and its
 *       queues, the workstations that map drives on the file servers) is kept once per seed
 *       ({@code DirectoryLayout}, {@code OfficeLayout}).</li>
 *   <li>Slow state is a function of the host's key and the time: software levels
 *       ({@code Installs}, {@code ReleaseClock}, {@code Updater}), patch days and reboots
 *       ({@code Patches}), logons ({@code SessionPlan}), metrics ({@code Smooth}). It needs no
 *       storage and is the same however the simulation is stepped.</li>
 *   <li>Fast state (short-lived processes, tabs, connections) comes from each host's own
 *       {@link java.util.SplittableRandom}, seeded from (seed, index), in one-minute steps
 *       ({@code HostState}, {@code WindowsModel}, {@code LinuxModel}).</li>
 * </ul>
 */
package io.agent7.simulator.host;
