using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.AdminDashboard.Data;

namespace WhatsAppGenesys.AdminDashboard.Accounts;

/// <summary>
/// Operator accounts: the first admin (created with the operator key, since no default password exists anywhere),
/// further accounts created by admins, and sign-in with lockout after repeated failures.
/// </summary>
public sealed class OperatorDirectory(
    AdminDbContext db,
    IPasswordHasher<OperatorAccount> hasher,
    IOptions<AccountOptions> options,
    TimeProvider time,
    ILogger<OperatorDirectory> logger)
{
    // Makes a sign-in for an unknown address cost as much as a real one, so timing does not tell which addresses exist.
    private static readonly OperatorAccount Nobody = new()
    {
        Email = "", NormalizedEmail = "", DisplayName = "", Role = OperatorRoles.Support, PasswordHash = "",
    };
    private static string? _nobodyHash;

    public Task<bool> AnyAsync(CancellationToken ct) => db.Operators.AnyAsync(ct);

    public Task<List<OperatorAccount>> ListAsync(CancellationToken ct) =>
        db.Operators.AsNoTracking().OrderBy(a => a.Email).ToListAsync(ct);

    /// <summary>The first admin of a fresh install; refused once any account exists or when the key is wrong.</summary>
    public async Task<string?> CreateFirstAdminAsync(string operatorKey, string email, string displayName, string password, CancellationToken ct)
    {
        var expected = options.Value.OperatorKey;
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(operatorKey), Encoding.UTF8.GetBytes(expected)))
        {
            logger.LogWarning("First-admin set-up refused: wrong operator key");
            return "The operator key is not right.";
        }
        // Retried as a whole on a transient failure (the database's retrying execution strategy requires it).
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Two set-up forms submitted at once must not both create an admin: one waits for the other here.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('admin-dashboard.first-admin'))", ct);
            if (await db.Operators.AnyAsync(ct))
            {
                return "The console already has an administrator. Sign in instead.";
            }
            var error = await AddAsync(email, displayName, OperatorRoles.Admin, password, ct);
            if (error is null)
            {
                await transaction.CommitAsync(ct);
            }
            return error;
        });
    }

    /// <summary>A new account (an admin's action). Returns what is wrong with the request, or null when created.</summary>
    public async Task<string?> CreateAsync(string email, string displayName, string role, string password, CancellationToken ct) =>
        await AddAsync(email, displayName, role, password, ct);

    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var account = await db.Operators.SingleOrDefaultAsync(a => a.NormalizedEmail == Normalize(email), ct);
        if (account is null)
        {
            _nobodyHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
            hasher.VerifyHashedPassword(Nobody, _nobodyHash, password);
            return new SignInResult(SignInOutcome.WrongCredentials);
        }
        if (account.LockedUntil > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: account.LockedUntil);
        }

        var verdict = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var lockedUntil = await CountFailureAsync(account.Id, now, ct);
            return lockedUntil is not null
                ? new SignInResult(SignInOutcome.LockedOut, LockedUntil: lockedUntil)
                : new SignInResult(SignInOutcome.WrongCredentials);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.HashPassword(account, password);
        }
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        account.LastSignInAt = now;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Operator {AccountId} signed in as {Role}", account.Id, account.Role);
        return new SignInResult(SignInOutcome.SignedIn, account);
    }

    /// <summary>
    /// Counts a wrong password in the database itself (one atomic UPDATE), so wrong passwords sent side by side are
    /// all counted; the one that reaches the limit locks the account. Returns the lock's end once locked.
    /// </summary>
    private async Task<DateTimeOffset?> CountFailureAsync(Guid accountId, DateTimeOffset now, CancellationToken ct)
    {
        var failures = await db.Database.SqlQuery<int>(
            $"UPDATE operators SET failed_sign_ins = failed_sign_ins + 1 WHERE id = {accountId} RETURNING failed_sign_ins AS \"Value\"")
            .ToListAsync(ct);
        if (failures.Count == 0 || failures[0] < options.Value.MaxFailedSignIns)
        {
            return null;
        }
        var lockedUntil = now + options.Value.LockoutDuration;
        await db.Operators.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.LockedUntil, lockedUntil).SetProperty(x => x.FailedSignIns, 0), ct);
        logger.LogWarning("Operator account {AccountId} locked until {LockedUntil} after repeated failed sign-ins", accountId, lockedUntil);
        return lockedUntil;
    }

    private async Task<string?> AddAsync(string email, string displayName, string role, string password, CancellationToken ct)
    {
        email = email.Trim();
        displayName = displayName.Trim();
        if (email.Length is 0 or > 254 || !email.Contains('@', StringComparison.Ordinal))
        {
            return "Enter an e-mail address.";
        }
        if (displayName.Length is 0 or > 100)
        {
            return "Enter a name (up to 100 characters).";
        }
        if (!OperatorRoles.IsKnown(role))
        {
            return "Choose a role: admin or support.";
        }
        if (password.Length < options.Value.MinPasswordLength)
        {
            return $"The password must be at least {options.Value.MinPasswordLength} characters long.";
        }
        if (await db.Operators.AnyAsync(a => a.NormalizedEmail == Normalize(email), ct))
        {
            return "An account with this e-mail address already exists.";
        }

        var account = new OperatorAccount
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            NormalizedEmail = Normalize(email),
            DisplayName = displayName,
            Role = role,
            PasswordHash = "",
            CreatedAt = time.GetUtcNow(),
        };
        account.PasswordHash = hasher.HashPassword(account, password);
        db.Operators.Add(account);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Operator account {AccountId} created with role {Role}", account.Id, role);
        return null;
    }

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
