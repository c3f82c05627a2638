global using System;
global using System.Threading.Tasks;
global using Xunit;
global using System.Collections.Generic;
