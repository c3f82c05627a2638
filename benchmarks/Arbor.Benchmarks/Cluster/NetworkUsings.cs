// The linked tests/Cluster.Tests/Support/Network.cs relies on the test project's global usings; these are the ones it needs.
global using System;
global using System.Collections.Generic;
global using System.Threading.Tasks;
