using Arbor.Distribution.Connections;
using Arbor.Distribution.Terms;

namespace Arbor.Distribution.Control;

/// <summary>A remote process monitoring a local one: when the local process exits, MONITOR_P_EXIT goes to the watcher.</summary>
/// <param name="Connection">The connection the monitor came over; a monitor does not outlive it.</param>
/// <param name="Watcher">The monitoring (remote) process.</param>
/// <param name="Reference">The monitor's reference, as the watcher made it.</param>
/// <param name="MonitoredAs">What the watcher monitored: the local pid's wire form, or the registered name's atom.</param>
internal sealed record RemoteWatcher(Connection Connection, ErlangPid Watcher, ErlangReference Reference, object MonitoredAs);
