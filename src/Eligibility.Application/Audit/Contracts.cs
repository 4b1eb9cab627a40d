using System.Text.Json;

namespace Eligibility.Application.Audit;

public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Read = "read";
    public const string Import = "import";

    public static readonly IReadOnlyList<string> All = [Create, Update, Delete, Read, Import];
}

/// <summary>Filters on the audit trail; entries come in id order (the chain's order), a page at a time after <see cref="AfterId"/>.</summary>
public sealed record AuditQuery(
    string? Entity, string? EntityId, string? Subject, string? Action, DateTimeOffset? From, DateTimeOffset? To, long AfterId, int PageSize);

public sealed record AuditEntryResponse(
    long Id,
    DateTimeOffset At,
    string Subject,
    string Role,
    string Action,
    string Entity,
    string? EntityId,
    IReadOnlyList<string>? IdsRead,
    string? CommuneCode,
    string? ProvinceCode,
    string? RequestPath,
    JsonElement? Before,
    JsonElement? After,
    string PrevHash,
    string Hash);

/// <summary>One page; <see cref="NextAfterId"/> is the afterId of the next page, null on the last one.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, long? NextAfterId);

/// <summary>
/// The result of walking the chain: the first entry whose link is broken, and why. <see cref="From"/> says where the
/// walk began: at the newest checkpoint whose signature verifies (<c>checkpoint</c>, the default; <see cref="Entries"/>
/// then counts the checkpoint's entry and those after it) or at the first entry (<c>start</c>).
/// </summary>
public sealed record ChainVerification(bool Valid, long Entries, long? FirstBrokenId, string? Reason, long? LastId, string LastHash,
    string From, CheckpointResponse? Checkpoint);

public static class VerifyFrom
{
    public const string Checkpoint = "checkpoint";
    public const string Start = "start";
}

/// <summary>What a checkpoint signs: the chain's newest entry and its hash at a time (null and the genesis hash when empty).</summary>
public sealed record AuditCheckpoint(long? LastId, string LastHash, DateTimeOffset Time);

/// <summary>A stored checkpoint, and whether its signature verifies with the configured key (false for an unreadable file).</summary>
public sealed record CheckpointResponse(string Name, long? LastId, string? LastHash, DateTimeOffset? Time, bool SignatureValid);
