using System.Security.Cryptography;
using Cooperation.Identity.Store;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Cooperation.Identity.Keys;

/// <summary>
/// The provider's keys, kept in its own schema and nowhere else: RSA keys that sign (the newest signs; those it replaced stay
/// published in the JWKS for one more rotation period, so that what they signed can still be checked) and one symmetric key
/// that encrypts the codes and refresh tokens only the provider reads. At start, a signing key older than Identity:KeyRotation
/// (30 days unless set) is replaced by a new one.
/// </summary>
public sealed class ProviderKeys
{
    public const string Signing = "sig";
    public const string Encrypting = "enc";

    private IReadOnlyList<RsaSecurityKey>? signing;
    private SymmetricSecurityKey? encrypting;

    /// <summary>The keys that sign, the current one first.</summary>
    public IReadOnlyList<RsaSecurityKey> SigningKeys => signing ?? throw new InvalidOperationException("The provider's keys are not loaded yet.");

    public SymmetricSecurityKey EncryptingKey => encrypting ?? throw new InvalidOperationException("The provider's keys are not loaded yet.");

    public static TimeSpan Rotation(IConfiguration configuration) =>
        configuration.GetValue("Identity:KeyRotation", TimeSpan.FromDays(30)) is { } rotation && rotation > TimeSpan.Zero
            ? rotation : throw new InvalidOperationException("Identity:KeyRotation must be a positive time span, e.g. 30.00:00:00.");

    /// <summary>Makes the keys that are missing or due, drops the ones no token can need any more, and loads the rest.</summary>
    public async Task LoadAsync(IdentityStore store, DateTimeOffset now, TimeSpan rotation, ILogger logger, CancellationToken ct = default)
    {
        var keys = await store.ProviderKeys.Where(k => k.Use == Signing).OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        if (keys.Count == 0 || keys[0].CreatedAt <= now - rotation)
        {
            using var rsa = RSA.Create(2048);
            var key = new ProviderKey { Id = Guid.NewGuid().ToString("N"), Use = Signing, CreatedAt = now, Material = rsa.ExportPkcs8PrivateKeyPem() };
            store.ProviderKeys.Add(key);
            keys.Insert(0, key);
            logger.LogInformation("A new signing key {KeyId} signs from now on", key.Id);
        }
        // A key stays while the one that replaced it is younger than a rotation period.
        var retired = keys.Where((key, i) => i > 0 && keys[i - 1].CreatedAt <= now - rotation).ToList();
        foreach (var key in retired) logger.LogInformation("The signing key {KeyId}, replaced before {Since}, is no longer published", key.Id, now - rotation);
        store.ProviderKeys.RemoveRange(retired);
        if (await store.ProviderKeys.SingleOrDefaultAsync(k => k.Use == Encrypting, ct) is not { } encryption)
        {
            encryption = new ProviderKey { Id = Guid.NewGuid().ToString("N"), Use = Encrypting, CreatedAt = now, Material = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
            store.ProviderKeys.Add(encryption);
        }
        await store.SaveChangesAsync(ct);

        signing = keys.Except(retired).Select(key =>
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(key.Material);
            return new RsaSecurityKey(rsa) { KeyId = key.Id };
        }).ToList();
        encrypting = new SymmetricSecurityKey(Convert.FromBase64String(encryption.Material)) { KeyId = encryption.Id };
    }

    /// <summary>Hands the keys to OpenIddict's server, the current signing key first (the one it signs with).</summary>
    public sealed class ServerOptions(ProviderKeys keys) : IConfigureOptions<OpenIddictServerOptions>
    {
        public void Configure(OpenIddictServerOptions options)
        {
            foreach (var key in keys.SigningKeys) options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
            options.EncryptionCredentials.Add(new EncryptingCredentials(keys.EncryptingKey, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }
}
