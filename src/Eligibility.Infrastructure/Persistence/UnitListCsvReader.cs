using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Eligibility.Application.Units;
using Eligibility.Domain.Common;
using Eligibility.Domain.Households;
using Eligibility.Domain.Units;

namespace Eligibility.Infrastructure.Persistence;

/// <summary>
/// Reads the official unit list: province_code, province_name, commune_code, commune_name, commune_kind, and an
/// optional area_type (rural/urban) for units whose area type does not follow from their kind (special zones).
/// </summary>
sealed partial class UnitListCsvReader : IUnitListReader
{
    static readonly string[] RequiredColumns = ["province_code", "province_name", "commune_code", "commune_name", "commune_kind"];

    public async Task<(IReadOnlyList<UnitListRow> Rows, IReadOnlyList<UnitListProblem> Problems)> Read(Stream csv, CancellationToken ct)
    {
        var rows = new List<UnitListRow>();
        var problems = new List<UnitListProblem>();
        var provinceNames = new Dictionary<string, string>();
        var communeLines = new Dictionary<string, int>();

        using var text = new StreamReader(csv, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var reader = new CsvReader(text, config);
        try
        {
            if (!await reader.ReadAsync() || !reader.ReadHeader())
                return ([], [new UnitListProblem(1, null, "The file is empty; the first line must be the header.")]);
            var header = reader.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
                return ([], [new UnitListProblem(1, null, $"The header lacks the column(s) {string.Join(", ", missing)}.")]);
            bool hasAreaType = header.Contains("area_type");

            while (await reader.ReadAsync())
            {
                ct.ThrowIfCancellationRequested();
                int line = reader.Parser.RawRow;
                string Field(string name) => reader.GetField(Array.IndexOf(header, name)) ?? "";
                int before = problems.Count;
                void Problem(string column, string message) => problems.Add(new UnitListProblem(line, column, message));

                // A name with a control character (NUL among them: PostgreSQL text cannot hold it) or with what
                // normalisation refuses (U+FFFE) is a bad row.
                string Name(string column)
                {
                    var value = Field(column);
                    if (FreeText.Problem(value) is { } refused)
                        Problem(column, refused);
                    else
                        try
                        {
                            return PersonName.Normalize(value);
                        }
                        catch (ArgumentException)
                        {
                            Problem(column, "The name holds a character that cannot be stored (U+FFFE).");
                        }
                    return "?";
                }

                var provinceCode = Field("province_code");
                var provinceName = Name("province_name");
                var communeCode = Field("commune_code");
                var communeName = Name("commune_name");
                var kindText = Field("commune_kind");
                var areaText = hasAreaType ? Field("area_type") : "";

                if (!TwoDigits().IsMatch(provinceCode)) Problem("province_code", $"'{provinceCode}' is not a 2-digit province code.");
                if (!FiveDigits().IsMatch(communeCode)) Problem("commune_code", $"'{communeCode}' is not a 5-digit commune code.");
                if (provinceName.Length is 0 or > 100) Problem("province_name", "The province name must be 1 to 100 characters.");
                if (communeName.Length is 0 or > 100) Problem("commune_name", "The commune name must be 1 to 100 characters.");
                if (!CommuneKinds.TryParse(kindText, out var kind)) Problem("commune_kind", $"'{kindText}' is not a commune kind (xa, phuong, dac_khu).");
                AreaType area = kind.DefaultAreaType();
                if (areaText.Length > 0 && !Enum.TryParse(areaText, ignoreCase: true, out area))
                    Problem("area_type", $"'{areaText}' is not an area type (rural, urban).");
                if (communeLines.TryGetValue(communeCode, out int firstLine))
                    Problem("commune_code", $"Commune {communeCode} is already listed on line {firstLine}.");
                if (provinceNames.TryGetValue(provinceCode, out var knownName) && knownName != provinceName)
                    Problem("province_name", $"Province {provinceCode} is named '{knownName}' on an earlier line.");

                if (problems.Count > before)
                    continue;
                provinceNames[provinceCode] = provinceName;
                communeLines[communeCode] = line;
                rows.Add(new UnitListRow(line, provinceCode, provinceName, communeCode, communeName, kind, area));
            }
        }
        catch (CsvHelperException e)
        {
            problems.Add(new UnitListProblem(e.Context?.Parser?.RawRow ?? 0, null, "The file is not valid CSV here."));
        }
        return (rows, problems);
    }

    [GeneratedRegex("^[0-9]{2}$")]
    private static partial Regex TwoDigits();

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex FiveDigits();
}
