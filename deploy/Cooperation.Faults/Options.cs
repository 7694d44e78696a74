namespace Cooperation.Faults;

/// <summary>The command line (deploy/faults.sh passes it) and the connection strings deploy/infra.sh env exports.</summary>
internal sealed record Options(Uri Gateway, int AgreementsPort, int Instances, string Postgres, string RabbitMq, bool Short, string Root, string Region, string Partner)
{
    /// <summary>The PostgreSQL primary has a standby to fail over to (deploy/infra.sh env says so).</summary>
    public bool Standby { get; } = Environment.GetEnvironmentVariable("COOP_PG_STANDBY") == "1";

    /// <summary>How many nodes the broker's cluster has (deploy/infra.sh env says so).</summary>
    public int BrokerNodes { get; } = int.TryParse(Environment.GetEnvironmentVariable("COOP_RABBIT_NODES"), out var nodes) ? nodes : 1;

    /// <summary>The run is the suite's own, deleted afterwards (deploy/faults.sh says so): faults may destroy its data.</summary>
    public bool Throwaway { get; } = Environment.GetEnvironmentVariable("COOP_FAULTS_THROWAWAY") == "1";

    /// <summary>The run's data folder (deploy/infra.sh env says so).</summary>
    public string Data { get; } = Environment.GetEnvironmentVariable("COOP_DATA") ?? "";

    /// <summary>The faults to run (class names, --only A,B); all when null.</summary>
    public string[]? Only { get; private init; }

    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Options(
            new Uri(Value("--gateway") ?? "http://127.0.0.1:8080"),
            int.Parse(Value("--agreements-port") ?? "5101"),
            int.Parse(Value("--instances") ?? "1"),
            Environment.GetEnvironmentVariable("ConnectionStrings__PostgresAdmin") ?? throw new ArgumentException("ConnectionStrings__PostgresAdmin is required (eval \"$(deploy/infra.sh env)\")."),
            Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMqAdmin") ?? throw new ArgumentException("ConnectionStrings__RabbitMqAdmin is required (eval \"$(deploy/infra.sh env)\")."),
            args.Contains("--short"),
            Path.GetFullPath(Value("--root") ?? "."),
            Value("--region") ?? "BY-VI",
            Value("--partner") ?? "CN-HL") { Only = Value("--only")?.Split(',') };
    }
}
