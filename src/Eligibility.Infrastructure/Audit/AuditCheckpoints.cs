using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Eligibility.Application.Audit;
using Eligibility.Application.Common;
using Eligibility.Infrastructure.Database;
using Eligibility.Infrastructure.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Eligibility.Infrastructure.Audit;

/// <summary>
/// The checkpoint key, folder and interval (README, "Audit trail"), settled once at start-up. The key never reaches
/// the database: whoever can rewrite the chain there still cannot sign a checkpoint that matches the rewrite.
/// </summary>
public sealed class AuditCheckpointSettings(IConfiguration configuration)
{
    public const string KeySetting = "Audit:CheckpointKey";
    public const string DirectorySetting = "Audit:CheckpointDirectory";
    public const string IntervalSetting = "Audit:CheckpointIntervalMinutes";
    const string HowToMakeAKey = "make one with `openssl rand -base64 32`";

    byte[]? key;
    string? directory;

    public byte[] Key => key ?? throw new InvalidOperationException("The checkpoint settings have not been settled yet.");
    public string Directory => directory ?? throw new InvalidOperationException("The checkpoint settings have not been settled yet.");

    /// <summary>Zero: checkpoints only on demand.</summary>
    public TimeSpan Interval { get; private set; }

    /// <summary>Reads the settings; in Development a missing key is generated once under .local/ (0600).</summary>
    public void Settle(string contentRoot, bool development)
    {
        var local = Path.Combine(DatabaseSetup.RepositoryRoot(contentRoot), ".local");
        var configured = configuration[KeySetting];
        if (string.IsNullOrWhiteSpace(configured) && development)
            configured = DevelopmentKey(Path.Combine(local, "audit-checkpoint.key"));
        if (string.IsNullOrWhiteSpace(configured))
            throw new StartupException($"{KeySetting} must be set outside Development: at least 32 random bytes in base64 ({HowToMakeAKey}).");
        var bytes = new byte[configured.Length];
        if (!Convert.TryFromBase64String(configured.Trim(), bytes, out var length) || length < 32)
            throw new StartupException($"{KeySetting} must be at least 32 random bytes in base64 ({HowToMakeAKey}).");
        key = bytes[..length];

        var minutes = configuration.GetValue(IntervalSetting, 60.0);
        if (!(minutes == 0 || minutes is >= 0.01 and <= 24 * 60))
            throw new StartupException($"{IntervalSetting} is 0 (checkpoints only on demand) or a number of minutes from 0.01 to 1440.");
        Interval = TimeSpan.FromMinutes(minutes);

        directory = Path.GetFullPath(configuration[DirectorySetting] is { Length: > 0 } folder ? folder : Path.Combine(local, "audit-checkpoints"));
        try
        {
            PrivateFiles.CreateFolder(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"{DirectorySetting}: the folder {directory} cannot be created ({e.Message}).", e);
        }
    }

    static string DevelopmentKey(string file)
    {
        if (File.Exists(file))
            return File.ReadAllText(file).Trim();
        // .local also holds the local cluster, which the 'postgres' user must reach: an ordinary folder; the key itself is 0600.
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        PrivateFiles.WriteNew(file, generated);
        return generated;
    }
}

/// <summary>
/// One file per checkpoint, named by its time so that names sort in time order, created with FileMode.CreateNew (0600)
/// and then made read-only (0400): a checkpoint is written once and never replaced. The signature is HMAC-SHA256 over
/// the JSON text <c>{"lastId":…,"lastHash":"…","time":"…"}</c> in that order.
/// </summary>
sealed class AuditCheckpointFiles(AuditCheckpointSettings settings) : IAuditCheckpoints
{
    const int MaxFileBytes = 4096;

    sealed record Stored(long? LastId, string LastHash, string Time, string Signature);

    public async Task<CheckpointResponse> Append(AuditCheckpoint checkpoint, CancellationToken ct)
    {
        var time = checkpoint.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var stored = new Stored(checkpoint.LastId, checkpoint.LastHash, time, Convert.ToBase64String(Sign(checkpoint.LastId, checkpoint.LastHash, time)));
        // The random tail keeps two checkpoints of the same instant apart; the time in front keeps the order.
        var name = $"{checkpoint.Time.UtcDateTime:yyyyMMdd'T'HHmmssfffffff'Z'}-{checkpoint.LastId ?? 0}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.json";
        var path = Path.Combine(settings.Directory, name);
        await using (var stream = PrivateFiles.CreateNew(path))
            await JsonSerializer.SerializeAsync(stream, stored, Json, ct);
        PrivateFiles.MakeReadOnly(path);
        return new CheckpointResponse(name, checkpoint.LastId, checkpoint.LastHash, checkpoint.Time, SignatureValid: true);
    }

    public async Task<Paged<CheckpointResponse>> List(PageRequest page, CancellationToken ct)
    {
        var names = Names();
        var items = new List<CheckpointResponse>();
        foreach (var name in names.Skip((int)Math.Min(page.Offset, int.MaxValue)).Take(page.PageSize))
            items.Add(await Read(name, ct));
        return new Paged<CheckpointResponse>(items, page.Page, page.PageSize, names.Count);
    }

    public async Task<CheckpointResponse?> NewestValid(CancellationToken ct)
    {
        foreach (var name in Names())
            if (await Read(name, ct) is { SignatureValid: true } checkpoint)
                return checkpoint;
        return null;
    }

    /// <summary>Newest first.</summary>
    List<string> Names() => System.IO.Directory.EnumerateFiles(settings.Directory, "*.json")
        .Select(f => Path.GetFileName(f)).OrderDescending(StringComparer.Ordinal).ToList();

    /// <summary>A file that is too large, unreadable, or signed with another key is listed as not verifying.</summary>
    async Task<CheckpointResponse> Read(string name, CancellationToken ct)
    {
        var unreadable = new CheckpointResponse(name, null, null, null, SignatureValid: false);
        try
        {
            var path = Path.Combine(settings.Directory, name);
            if (new FileInfo(path).Length > MaxFileBytes)
                return unreadable;
            await using var stream = File.OpenRead(path);
            if (await JsonSerializer.DeserializeAsync<Stored>(stream, Json, ct) is not { LastHash: not null, Time: not null, Signature: not null } stored
                || !DateTimeOffset.TryParseExact(stored.Time, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out var time))
                return unreadable;
            var signature = new byte[stored.Signature.Length];
            var valid = Convert.TryFromBase64String(stored.Signature, signature, out var length)
                && CryptographicOperations.FixedTimeEquals(signature.AsSpan(0, length), Sign(stored.LastId, stored.LastHash, stored.Time));
            return new CheckpointResponse(name, stored.LastId, stored.LastHash, time, valid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return unreadable;
        }
    }

    byte[] Sign(long? lastId, string lastHash, string time) =>
        HMACSHA256.HashData(settings.Key, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { lastId, lastHash, time }, Json)));

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>Signs a checkpoint every <see cref="AuditCheckpointSettings.Interval"/>; a failure is logged and the next tick tries again.</summary>
sealed class AuditCheckpointTimer(AuditCheckpointSettings settings, IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditCheckpointTimer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Interval == TimeSpan.Zero)
            return;
        using var timer = new PeriodicTimer(settings.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<AuditService>().Checkpoint(stoppingToken);
                if (result.IsSuccess)
                    logger.LogInformation("Audit checkpoint {Name} signed at entry {LastId}", result.Value.Name, result.Value.LastId);
                else
                    logger.LogError("No audit checkpoint signed: {Reason}", result.FirstError.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The periodic audit checkpoint failed; the next one is due in {Interval}", settings.Interval);
            }
        }
    }
}

public static class AuditCheckpointSetup
{
    public static IServiceCollection AddAuditCheckpoints(this IServiceCollection services)
    {
        services.AddSingleton<AuditCheckpointSettings>();
        services.AddSingleton<IAuditCheckpoints, AuditCheckpointFiles>();
        services.AddHostedService<AuditCheckpointTimer>();
        return services;
    }
}
