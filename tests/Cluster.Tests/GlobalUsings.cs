global using System;
global using System.Collections.Generic;
global using System.Threading.Tasks;
global using Arbor.Distribution.Terms;
global using Xunit;
global using System.Linq;
