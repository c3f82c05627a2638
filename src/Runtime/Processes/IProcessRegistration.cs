namespace Arbor;

/// <summary>Something registered on behalf of a process that must be released when it exits, before exit signals go out.</summary>
internal interface IProcessRegistration
{
    void Release(Process process);
}
