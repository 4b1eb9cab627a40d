using System.Collections.Frozen;
using System.Globalization;
using Eligibility.Domain.Units;

namespace Eligibility.Domain.Policy;

/// <summary>Why a rule gave its answer: a stable code for machines and the same message in Vietnamese and English.</summary>
public sealed class Reason : IEquatable<Reason>
{
    readonly Func<string>? writeVi, writeEn;
    string? messageVi, messageEn;

    public Reason(string code, string messageVi, string messageEn) => (Code, this.messageVi, this.messageEn) = (code, messageVi, messageEn);

    /// <summary>
    /// A reason whose messages are written the first time they are read: an answer is read in one language, and
    /// evidence that is only stored is never read at all.
    /// </summary>
    public Reason(string code, Func<string> messageVi, Func<string> messageEn) => (Code, writeVi, writeEn) = (code, messageVi, messageEn);

    /// <summary>A templated reason (<see cref="ReasonTemplate.With"/>), also written when first read.</summary>
    internal Reason(ReasonTemplate template, IReadOnlyList<string> args)
        : this(template.Code, () => template.Vi(new ReasonArgs(args)), () => template.En(new ReasonArgs(args))) => Args = args;

    public string Code { get; }
    public string MessageVi => messageVi ??= writeVi!();
    public string MessageEn => messageEn ??= writeEn!();

    /// <summary>
    /// For a reason written by a <see cref="ReasonTemplate"/>: the values its messages are written from, from which
    /// <see cref="ReasonTemplates.Render"/> writes them again. Null for reasons written freely.
    /// </summary>
    public IReadOnlyList<string>? Args { get; }

    // Two reasons are the same when they say the same: the values are how the words were written.
    public bool Equals(Reason? other) =>
        other is not null && Code == other.Code && MessageVi == other.MessageVi && MessageEn == other.MessageEn;

    public override bool Equals(object? obj) => Equals(obj as Reason);

    public override int GetHashCode() => HashCode.Combine(Code, MessageVi, MessageEn);

    public override string ToString() => $"{Code}: {MessageEn}";
}

/// <summary>
/// A reason whose messages are written from a few values (figures, dates, codes; invariant text). Review evidence,
/// kept by the million for years, stores the code and the values alone (≈ 0.1 KB instead of ≈ 0.4 KB a reason) and
/// the messages are written again when it is read, in the same words.
/// </summary>
public sealed class ReasonTemplate(string code, Func<ReasonArgs, string> vi, Func<ReasonArgs, string> en)
{
    public string Code => code;

    public Reason With(params IReadOnlyList<string> args) => new(this, args);

    internal string Vi(ReasonArgs args) => vi(args);
    internal string En(ReasonArgs args) => en(args);
}

/// <summary>A template's values, read back in the types they were written from (<see cref="Arg"/>).</summary>
public readonly record struct ReasonArgs(IReadOnlyList<string> Values)
{
    public string this[int index] => Values[index];
    public decimal Number(int index) => decimal.Parse(Values[index], NumberStyles.Number, CultureInfo.InvariantCulture);
    public int Integer(int index) => int.Parse(Values[index], NumberStyles.Integer, CultureInfo.InvariantCulture);
    public DateOnly Date(int index) => DateOnly.ParseExact(Values[index], "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Values as templates store them: invariant, exact (a decimal keeps every digit; the messages round).</summary>
public static class Arg
{
    public static string Of(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);
    public static string Of(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string Of(AreaType value) => value == AreaType.Urban ? "urban" : "rural";
}

/// <summary>Every template whose reasons evidence stores by code and values.</summary>
public static class ReasonTemplates
{
    static readonly FrozenDictionary<string, ReasonTemplate> ByCode =
        PovertyClassifier.Templates.Concat(StandardSelection.Templates).Concat(IndicatorDerivation.Templates).Concat(EligibilityEngine.Templates)
            .ToFrozenDictionary(t => t.Code);

    /// <summary>The reason <paramref name="code"/> with <paramref name="args"/> stands for; null when no template has that code.</summary>
    public static Reason? Render(string code, IReadOnlyList<string> args) =>
        ByCode.TryGetValue(code, out var template) ? template.With(args) : null;
}

/// <summary>How figures appear inside reason messages.</summary>
static class Text
{
    /// <summary>1.500.000 (Vietnamese groups thousands with dots).</summary>
    public static string Vi(decimal amount) => En(amount).Replace(',', '_').Replace('.', ',').Replace('_', '.');

    /// <summary>1,500,000.</summary>
    public static string En(decimal amount) => amount.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Vi(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string En(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An area as <see cref="Arg.Of(AreaType)"/> stores it, in words.</summary>
    public static string AreaVi(string area) => area == "urban" ? "thành thị" : "nông thôn";

    public static string AreaEn(string area) => area == "urban" ? "urban" : "rural";

    // Longer phrases first: "as amended by" before "amended by".
    static readonly (string En, string Vi)[] LegalWords =
    [
        (" as amended by ", " được sửa đổi bởi "), ("(amended by ", "(được sửa đổi bởi "), (" amended by ", " được sửa đổi bởi "),
        ("extended through 2026 by ", "kéo dài đến hết năm 2026 bởi "), ("thresholds per ", "ngưỡng theo "),
        ("Decree ", "Nghị định "), ("Decision ", "Quyết định "), ("Circular ", "Thông tư "), ("Law ", "Luật "),
        ("Arts. ", "Điều "), ("Art. ", "Điều "), ("Annex", "Phụ lục"), (" of ", " ngày "), (" and ", " và "),
    ];

    /// <summary>
    /// A legal basis as the data writes it ("Decree 07/2021/NĐ-CP Art. 3"), with the Vietnamese names of the
    /// instruments for Vietnamese messages ("Nghị định 07/2021/NĐ-CP Điều 3").
    /// </summary>
    public static string LegalVi(string basis) =>
        LegalWords.Aggregate(basis, (text, word) => text.Replace(word.En, word.Vi, StringComparison.Ordinal));
}
