namespace Platform.Documents.Text;

/// <summary>
/// How to read an all-numeric date such as "03/11/2016". Without a hint such a date is rejected as ambiguous
/// whenever both of its first two numbers could be a month.
/// </summary>
public enum DateOrder
{
    Unknown,
    DayFirst,
    MonthFirst,
}
