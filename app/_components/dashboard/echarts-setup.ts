import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * The parts of Apache ECharts the dashboard draws with, registered once. Only the chart component imports this,
 * and only with `import()`, so ECharts is a chunk of the dashboard page alone, fetched in the browser.
 */
use([BarChart, LineChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export { init };
