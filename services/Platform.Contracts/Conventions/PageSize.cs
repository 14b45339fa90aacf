namespace Platform.Contracts;

/// <summary>
/// The one rule for every list's size parameter (page_size, limit): 0 takes the list's default; anything from 1 to
/// its maximum is served as asked; a negative or larger value is refused with INVALID_ARGUMENT naming the maximum,
/// never silently clamped, so a caller never mistakes a short page for the end of the list.
/// </summary>
public static class PageSize
{
    public static int Resolve(int requested, int defaultSize, int maximum, string field = "page_size")
    {
        if (requested < 0 || requested > maximum)
        {
            RpcErrors.InvalidArgument(field, $"must be between 1 and {maximum} (or 0 for the default of {defaultSize}), got {requested}");
        }

        return requested == 0 ? defaultSize : requested;
    }
}
