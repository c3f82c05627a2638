global using System;
global using System.Threading.Tasks;
global using Arbor;
global using Arbor.Testing;
global using Xunit;
