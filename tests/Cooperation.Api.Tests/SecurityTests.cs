using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Cooperation.Api.Tests;

/// <summary>
/// What the infrastructure lets each party do (deploy/infra.sh up, in deploy/infra/postgres-access.sh and rabbitmq-users.sh):
/// every connection to PostgreSQL gives a password, each service's role writes its own schema only, the broker has no guest,
/// and only the services publish where consumers read.
/// </summary>
public class SecurityTests(CooperationSystem system)
{
    [Fact]
    public async Task A_services_role_writes_its_own_schema_and_is_refused_anothers()
    {
        await using var trade = await Database.OpenAsync(CooperationSystem.PostgresOf("trade"));

        // Its own schema: it owns the tables Marten made there.
        Assert.True(await Database.ScalarAsync<long>(trade, "SELECT count(*) FROM trade.mt_events") >= 0);
        Assert.Equal(0, await Database.ExecuteAsync(trade, "UPDATE trade.mt_events SET type = type WHERE false"));

        foreach (var sql in new[]
                 {
                     "UPDATE agreements.mt_events SET type = type",
                     "DELETE FROM delegations.mt_events",
                     "SELECT count(*) FROM dashboard.mt_doc_handledmessage",
                     "CREATE TABLE public.planted (id int)",
                     "CREATE SCHEMA planted",
                 })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync(trade, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
        Assert.False(await Database.ScalarAsync<bool>(trade, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
    }

    [Fact]
    public async Task No_connection_to_PostgreSQL_is_made_without_the_right_password()
    {
        var admin = new NpgsqlConnectionStringBuilder(system.Postgres);
        var socket = Path.Combine(Environment.GetEnvironmentVariable("COOP_DATA") ?? throw new InvalidOperationException("COOP_DATA is not set."),
            "postgres", "run");

        var withoutPassword = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Password = null, Passfile = "/dev/null" };
        var wrongPassword = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Password = "not-the-password" };
        var overTheSocket = new NpgsqlConnectionStringBuilder(withoutPassword.ConnectionString) { Host = socket };
        // Without a password the server asks for one (SCRAM), which the client cannot give; with a wrong one it refuses.
        foreach (var connection in new[] { withoutPassword, overTheSocket })
        {
            var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(() => Database.OpenAsync(connection.ConnectionString));
            Assert.Contains("password", refused.Message, StringComparison.OrdinalIgnoreCase);
        }
        var wrong = await Assert.ThrowsAsync<PostgresException>(() => Database.OpenAsync(wrongPassword.ConnectionString));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, wrong.SqlState);

        // The same role with its password connects, over TCP and over the socket.
        await using (await Database.OpenAsync(admin.ConnectionString)) { }
        await using (await Database.OpenAsync(new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Host = socket }.ConnectionString)) { }
    }

    [Fact]
    public async Task The_broker_has_no_guest_and_refuses_a_wrong_password()
    {
        foreach (var (user, password) in new[] { ("guest", "guest"), ("reader", "not-the-password") })
        {
            var uri = new UriBuilder(system.RabbitMqReader) { UserName = user, Password = password }.Uri;
            var refused = await Assert.ThrowsAsync<BrokerUnreachableException>(() => new ConnectionFactory { Uri = uri }.CreateConnectionAsync());
            Assert.IsType<AuthenticationFailureException>(refused.InnerException);
        }
    }

    [Theory]
    [InlineData("reader", "cooperation.events", "")]
    [InlineData("reader", "Cooperation.Contracts.Agreements:AgreementSigned", "")]
    [InlineData("reader", "", "dashboard-log")]
    [InlineData("reader", "replay.tests-planted", "")]
    [InlineData("trade", "Cooperation.Contracts.Agreements:AgreementSigned", "")]
    [InlineData("dashboard", "cooperation.events", "")]
    public async Task Only_the_service_that_owns_an_exchange_may_publish_into_it(string user, string exchange, string routingKey)
    {
        var uri = user == "reader" ? system.RabbitMqReader : CooperationSystem.RabbitMqOf(user);
        await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        await channel.BasicPublishAsync(exchange, routingKey, Encoding.UTF8.GetBytes("""{"message":"forged"}"""));
        // The broker closes the channel on a refused publish; the next call on it finds out.
        await Assert.ThrowsAnyAsync<OperationInterruptedException>(() => channel.ExchangeDeclarePassiveAsync("cooperation.events"));
        Assert.Equal((ushort)Constants.AccessRefused, channel.CloseReason?.ReplyCode);
    }

    [Fact]
    public async Task A_reader_consumes_cooperation_events_on_a_queue_of_its_own_and_sees_each_came_from_a_services_exchange()
    {
        // The services declare cooperation.events when they start; the reader may only bind to it.
        await using var live = await EventQueue.BindAsync(system.RabbitMq);
        var queue = $"reader.tests-{Guid.NewGuid():N}";
        await using var connection = await new ConnectionFactory { Uri = new Uri(system.RabbitMqReader) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue, "cooperation.events", "");
        // Outside its own queues the reader declares nothing.
        await using (var other = await connection.CreateChannelAsync())
        {
            var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() =>
                other.QueueDeclareAsync($"tests-{Guid.NewGuid():N}", durable: false, exclusive: true, autoDelete: true));
            Assert.Equal((ushort)Constants.AccessRefused, refused.ShutdownReason?.ReplyCode);
        }

        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var id = await vitebsk.CreateAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Read from outside")));

        var deliveries = new List<(string Exchange, JsonElement Message)>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (deliveries.Count(d => EventQueue.StreamOf(d.Message) == id) < 2 && DateTime.UtcNow < deadline)
        {
            if (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
                deliveries.Add((delivery.Exchange, JsonDocument.Parse(delivery.Body).RootElement.Clone()));
            else await Task.Delay(200);
        }
        var ours = deliveries.Where(d => EventQueue.StreamOf(d.Message) == id).ToList();
        Assert.Equal(2, ours.Count);
        // Each was published to the agreements service's own exchange, which only that service may write to.
        Assert.Equal(["Cooperation.Contracts.Agreements:AgreementRegistered", "Cooperation.Contracts.Agreements:AgreementSigned"],
            ours.Select(d => d.Exchange));
    }
}
