using System.Runtime.Versioning;

// Linux only: the tests find the platform's processes in /proc and check the key file's Unix mode.
[assembly: SupportedOSPlatform("linux")]

// One platform at a time: each test starts four .NET processes and redis-server on a two-core machine, and the app host's
// Program runs inside the test process, where it sets process-wide environment variables and its console is ours.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
