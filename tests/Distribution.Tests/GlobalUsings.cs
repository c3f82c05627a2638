global using System;
global using System.Collections.Generic;
global using System.Numerics;
global using Arbor.Distribution.Terms;
global using Xunit;
