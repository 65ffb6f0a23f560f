import { useEffect, useRef, type ReactNode } from 'react';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** One ECharts chart that follows its option and the size of its box. */
export function Chart({
  option,
  testId,
  height = 300,
}: {
  option: echarts.EChartsCoreOption;
  testId?: string;
  height?: number;
}): ReactNode {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = box.current!;
    chart.current = echarts.init(el);
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    // No animation: a screen read at a glance (or screenshotted) shows the final figures at once.
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);
  return <div ref={box} className="chart" style={{ height }} data-testid={testId} />;
}
