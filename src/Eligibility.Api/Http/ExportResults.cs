using Eligibility.Application.Common;
using Eligibility.Domain.Common;
using Microsoft.Net.Http.Headers;

namespace Eligibility.Api.Http;

/// <summary>Lists as JSON, CSV or XLSX, chosen by <c>?format=</c> or else the Accept header.</summary>
public static class ExportResults
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static Result<ExportFormat> Negotiate(HttpRequest request, string? format)
    {
        if (format is not null)
            return format.ToLowerInvariant() switch
            {
                "json" => ExportFormat.Json,
                "csv" => ExportFormat.Csv,
                "xlsx" => ExportFormat.Xlsx,
                _ => Error.Invalid("format", "The format is json, csv or xlsx."),
            };
        var accepted = request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1).Select(a => a.MediaType.Value).ToList();
        foreach (var type in accepted)
        {
            if (string.Equals(type, CsvType, StringComparison.OrdinalIgnoreCase)) return ExportFormat.Csv;
            if (string.Equals(type, XlsxType, StringComparison.OrdinalIgnoreCase)) return ExportFormat.Xlsx;
            if (type is "application/json" or "*/*" or "application/*") return ExportFormat.Json;
        }
        return ExportFormat.Json;
    }

    /// <summary>Streams the table as a file download named <paramref name="fileName"/> (without extension).</summary>
    public static IResult File(ExportTable table, ExportFormat format, string fileName, IExportWriter writer) =>
        new ExportResult(table, format, fileName, writer);

    sealed class ExportResult(ExportTable table, ExportFormat format, string fileName, IExportWriter writer) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var (type, extension) = format == ExportFormat.Csv ? ($"{CsvType}; charset=utf-8", "csv") : (XlsxType, "xlsx");
            http.Response.ContentType = type;
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
            {
                FileNameStar = $"{fileName}.{extension}",
                FileName = $"{fileName}.{extension}",
            }.ToString();
            await writer.Write(format, table, http.Response.Body, http.RequestAborted);
        }
    }
}
