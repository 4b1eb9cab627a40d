using System.Buffers;

namespace Eligibility.Domain.Common;

/// <summary>
/// Characters no free text of the product may hold: C0 and C1 control characters (DEL included), bidirectional
/// controls and zero-width characters. They are invisible on screen and in print, so they can hide, reorder or
/// split text that an official reads and signs (a name, a purpose), and XML (XLSX) cannot carry most of them.
/// </summary>
public static class FreeText
{
    static readonly SearchValues<char> Refused = SearchValues.Create(string.Concat(
        Range('\u0000', '\u001F'), Range('\u007F', '\u009F'),
        "\u061C\u200E\u200F", Range('\u202A', '\u202E'), Range('\u2066', '\u2069'),
        Range('\u200B', '\u200D'), "\u2060\uFEFF"));

    static string Range(char first, char last) => new(Enumerable.Range(first, last - first + 1).Select(c => (char)c).ToArray());

    /// <summary>The first refused character of the text, or null when there is none.</summary>
    public static char? FirstRefused(ReadOnlySpan<char> text) => text.IndexOfAny(Refused) is >= 0 and var i ? text[i] : null;

    /// <summary>Why the text is refused (Vietnamese, then English), naming the character; null when it is not.</summary>
    public static string? Problem(ReadOnlySpan<char> text) => FirstRefused(text) is { } c
        ? $"Văn bản có ký tự điều khiển, định hướng hoặc ký tự ẩn (U+{(int)c:X4}), không được phép. / " +
          $"The text holds a control, bidirectional or zero-width character (U+{(int)c:X4}), which is not allowed."
        : null;
}
