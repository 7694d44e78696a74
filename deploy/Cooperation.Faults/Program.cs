using Cooperation.Faults;

// The fault suite (deploy/faults.sh): a bounded write load through the gateway, one fault at a time (Faults/), and at the
// end, per fault, what was acknowledged, stored, published and consumed, what was doubled and refused, and how long until
// writes and publication were back (Tally.cs). Exits 1 on a lost acknowledged write, a doubled effect or a 5xx other than
// 503 with Retry-After. Traffic goes to loopback only; every fault and every wait is bounded in time.
var options = Options.Parse(args);
await using var suite = await Suite.StartAsync(options);

// The short form runs each fault for seconds (Suite.Seconds), and leaves out the rebuild under writes and the switchover
// (their Applies), which take minutes on a loaded machine.
Fault[] faults =
[
    new KillInstance(suite),
    new KillLeader(suite),
    new StopPostgres(suite),
    new StopBroker(suite),
    new KillBrokerNode(suite),
    new DeliverTwice(suite),
    new IfMatchRace(suite),
    new IdempotencyKeyRace(suite),
    new RebuildUnderWrites(suite),  // after the others: it reads back the agreements they wrote
    new ReplayIntoUnusableQueue(suite),
    new ArchiveFails(suite),
    new RestoreFromBackup(suite),
    new Switchover(suite),
    new PromoteStandby(suite),
];
// --only KillInstance,KillLeader: those faults alone (their class names), for a measurement.
foreach (var fault in faults.Where(f => f.Applies && (options.Only is null || options.Only.Contains(f.GetType().Name)))) await fault.RunAsync();

var tally = new Tally(suite);
await tally.SettleAsync();
return await tally.PrintAsync() ? 0 : 1;
