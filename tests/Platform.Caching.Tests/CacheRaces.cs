namespace Platform.Caching.Tests;

/// <summary>Races between a read that loads from the store and a write that invalidates, for any cache.</summary>
internal static class CacheRaces
{
    /// <summary>
    /// A read starts loading "v0"; the store then changes to "v1" and the key is invalidated before the load
    /// returns. The slow read may answer "v0" (it began before the write), but every read that begins after
    /// the invalidation — including one that arrives while the stale load is still running — must see "v1".
    /// </summary>
    public static async Task WriteDuringALoadAsync(CacheReplica replica)
    {
        await using var _ = replica;
        var store = "v0";
        var loadStarted = new TaskCompletionSource();
        var releaseLoad = new TaskCompletionSource();

        var slowRead = replica.Cache.GetOrLoadAsync("docs", "race", CacheReplica.Text, async _ =>
        {
            var seen = store;
            loadStarted.SetResult();
            await releaseLoad.Task;
            return seen;
        });
        await loadStarted.Task;
        store = "v1";
        await replica.Cache.InvalidateAsync("docs", "race");
        var duringLoad = replica.Cache.GetOrLoadAsync("docs", "race", CacheReplica.Text, _ => Task.FromResult(store));
        releaseLoad.SetResult();

        Assert.Equal("v0", await slowRead);
        Assert.Equal("v1", await duringLoad);
        Assert.Equal("v1", await replica.Cache.GetOrLoadAsync("docs", "race", CacheReplica.Text, _ => Task.FromResult(store)));
    }
}
