using System.Text;

namespace Platform.Client.Resolutions;

/// <summary>One CSV record: the line it starts on (from 1), its fields, and why it is malformed, if it is.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// A small RFC 4180 reader: fields separated by commas, records by CRLF or LF; a field in double quotes may hold
/// commas, line breaks and doubled quotes (""). A malformed record (a stray quote, text after a closing quote, a
/// quote never closed) is returned with its error and reading goes on at the next record, so one bad line does not
/// hide the others. Blank lines are skipped.
/// </summary>
public static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        var line = 1;
        // A UTF-8 byte order mark is not part of the first header name.
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            position = 1;
        }

        while (position < text.Length)
        {
            var record = ReadRecord(text, ref position, ref line);
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0 && record.Error is null)
            {
                continue;
            }

            yield return record;
        }
    }

    private static CsvRecord ReadRecord(string text, ref int position, ref int line)
    {
        var start = line;
        var fields = new List<string>();
        var field = new StringBuilder();
        string? error = null;
        var quoted = false;
        var wasQuoted = false;
        while (position < text.Length)
        {
            var c = text[position];
            if (quoted)
            {
                position++;
                if (c == '"')
                {
                    if (position < text.Length && text[position] == '"')
                    {
                        field.Append('"');
                        position++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                wasQuoted = false;
                position++;
            }
            else if (c is '\n' or '\r')
            {
                position += c == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
                line++;
                break;
            }
            else if (c == '"' && field.Length == 0 && !wasQuoted)
            {
                quoted = true;
                wasQuoted = true;
                position++;
            }
            else
            {
                if (wasQuoted)
                {
                    error ??= $"text after the closing quote of field {fields.Count + 1}";
                }
                else if (c == '"')
                {
                    error ??= $"a quote inside unquoted field {fields.Count + 1} (quote the field and double the quote)";
                }

                field.Append(c);
                position++;
            }
        }

        if (quoted)
        {
            error ??= $"the quote opened in field {fields.Count + 1} is never closed";
        }

        fields.Add(field.ToString());
        return new CsvRecord(start, fields, error);
    }
}
