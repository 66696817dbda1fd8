'use client';
import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

/**
 * One ECharts chart. The option is plain data built on the server (no functions cross to the client); ECharts itself
 * loads on first render (a chunk of this page only) and the chart follows its box's width (phones to desktops).
 */
export function Chart({ option, label, loading, height = 280 }: { option: EChartsCoreOption; label: string; loading: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void import('./echarts-setup').then(({ init }) => {
      if (disposed || !box.current) return;
      const chart = init(box.current, undefined, { renderer: 'canvas' });
      chart.setOption(option);
      setReady(true);
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(box.current);
      cleanup = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [option]);
  return (
    <div className="relative w-full" style={{ height }}>
      <div ref={box} role="img" aria-label={label} className="absolute inset-0" />
      {ready ? null : <p className="absolute inset-0 flex items-center justify-center text-sm text-gray-500">{loading}</p>}
    </div>
  );
}
