using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Cooperation.Identity.Store;

/// <summary>A person who signs in: a sign-in name (the user name), a display name, one role and, for a committee, its region.</summary>
public sealed class Account : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    public string? Region { get; set; }
    /// <summary>A disabled account signs in no more and its refresh tokens are refused.</summary>
    public bool Disabled { get; set; }
}

/// <summary>A key of the provider's own: an RSA key that signs tokens (<c>sig</c>) or the key that encrypts what only it reads (<c>enc</c>).</summary>
public sealed class ProviderKey
{
    public string Id { get; set; } = "";
    public string Use { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>PKCS#8 PEM of an RSA key; base64 of a symmetric one.</summary>
    public string Material { get; set; } = "";
}

/// <summary>A change made to an account, and who made it: created, disabled, enabled, role-set, password-reset.</summary>
public sealed class AccountEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string Account { get; set; } = "";
    public string Action { get; set; } = "";
    public string Detail { get; set; } = "";
}

/// <summary>The provider's store in its own schema: ASP.NET Core Identity's accounts, OpenIddict's clients and tokens, its keys and the data protection keys.</summary>
public sealed class IdentityStore(DbContextOptions<IdentityStore> options) : IdentityDbContext<Account>(options), IDataProtectionKeyContext
{
    public const string Schema = "identity";

    public DbSet<ProviderKey> ProviderKeys => Set<ProviderKey>();

    public DbSet<AccountEvent> AccountEvents => Set<AccountEvent>();

    /// <summary>The keys of the session cookie and the forms, shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.Entity<ProviderKey>(key =>
        {
            key.ToTable("provider_keys");
            key.HasKey(k => k.Id);
        });
        builder.Entity<AccountEvent>(e =>
        {
            e.ToTable("account_events");
            e.HasIndex(x => x.Account);
        });
    }
}
