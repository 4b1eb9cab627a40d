using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Eligibility.Domain.Policy;

namespace Eligibility.Domain.Confirmation;

/// <summary>
/// The text a signed list's content hash is computed over, built only from values the API returns, so any reader can
/// recompute it. UTF-8, lines ending in "\n" (the last one too):
/// <code>
/// confirmation-list/v1
/// id={id}
/// commune={communeCode}
/// programme={programme or empty}
/// asOf={asOf}
/// replaces={replaces or empty}
/// number={signature.number}
/// date={signature.date}
/// signer={signature.signer}
/// line={stt}\t{requestId}\t{borrowerName}\t{villageName}\t{category or empty}\t{programme}\t{amount}\t{purpose}\t{termMonths}\t{result}\t{reason or empty}
/// </code>
/// one <c>line=</c> per line in STT order. Ids are lowercase hyphenated UUIDs, dates YYYY-MM-DD, amount and term plain
/// integers, category, programme and result their API codes; in every text value a backslash is written \\, a tab
/// \t, a line feed \n and a carriage return \r. The hash is SHA-256 of those bytes, in lowercase hex.
/// </summary>
public static class ConfirmationCanonical
{
    public const string Version = "confirmation-list/v1";

    public static string Text(ConfirmationList list, string number, DateOnly date, string signer)
    {
        var text = new StringBuilder();
        void Field(string name, string value) => text.Append(name).Append('=').Append(Escape(value)).Append('\n');
        text.Append(Version).Append('\n');
        Field("id", list.Id.ToString("D"));
        Field("commune", list.CommuneCode);
        Field("programme", list.Programme ?? "");
        Field("asOf", Date(list.AsOf));
        Field("replaces", list.Replaces?.ToString("D") ?? "");
        Field("number", number);
        Field("date", Date(date));
        Field("signer", signer);
        foreach (var line in list.Lines.OrderBy(l => l.Stt))
        {
            string[] cells =
            [
                line.Stt.ToString(CultureInfo.InvariantCulture), line.RequestId.ToString("D"), line.BorrowerName, line.VillageName,
                line.Category?.Code() ?? "", line.Programme, decimal.Truncate(line.Amount).ToString("0", CultureInfo.InvariantCulture), line.Purpose,
                line.TermMonths.ToString(CultureInfo.InvariantCulture), ResultCode(line.Result), line.Reason ?? "",
            ];
            text.Append("line=").AppendJoin('\t', cells.Select(Escape)).Append('\n');
        }
        return text.ToString();
    }

    public static string Hash(string canonicalText) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalText)));

    public static string ResultCode(LineResult? result) => result switch
    {
        LineResult.Confirmed => "confirmed",
        LineResult.Refused => "refused",
        _ => "",
    };

    static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");
}
