import type { EChartsCoreOption } from 'echarts/core';
import type { DashboardOverview } from '@/server/dashboard/dashboard';

/**
 * The dashboard's chart options, built on the server from the overview (plain data: no formatter functions, so they
 * travel to the client chart as props). One primary blue, greys and a few calm companions for series that must differ.
 */

type T = (key: string, values?: Record<string, string | number>) => string;

const FONT = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
const PRIMARY = '#1d4ed8';
/** Stage colours: progress from light to the primary blue, landed in green, paused amber, exited grey. */
const STAGE_COLOURS: Record<string, string> = {
  incubating: '#93c5fd',
  accelerating: '#3b82f6',
  industrializing: '#1d4ed8',
  landed: '#15803d',
  paused: '#d97706',
  exited: '#9ca3af',
};
const GRADE_COLOURS = [PRIMARY, '#93c5fd'];

const base = (legend: boolean): EChartsCoreOption => ({
  textStyle: { fontFamily: FONT },
  tooltip: { trigger: 'axis', confine: true },
  // One scrolling row of legend on a phone rather than rows that run into the chart.
  legend: legend ? { type: 'scroll', top: 0, textStyle: { fontFamily: FONT } } : undefined,
  grid: { left: 8, right: 16, top: legend ? 36 : 16, bottom: 8, containLabel: true },
});

const shortMonth = (m: string) => m.slice(2).replace('-', '/');

export function chartOptions(d: DashboardOverview, t: T, tNeeds: T, tLanding: T): Record<string, EChartsCoreOption> {
  const months = d.volume.map((m) => shortMonth(m.month));
  // The chart follows projects through the four progress stages; the table lists paused and exited too.
  const progress = d.landing.funnel.filter((f) => f.reached !== null);
  return {
    volume: {
      ...base(true),
      xAxis: { type: 'category', data: months },
      yAxis: [
        // The legend names the axes' series (their colours match); axis names would run into it on a phone.
        { type: 'value' },
        { type: 'value', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        { name: t('chart.value'), type: 'bar', data: d.volume.map((m) => Number(m.value)), itemStyle: { color: PRIMARY }, barMaxWidth: 28 },
        { name: t('chart.contracts'), type: 'line', yAxisIndex: 1, data: d.volume.map((m) => m.contracts), itemStyle: { color: '#d97706' } },
      ],
    },
    topFields: {
      ...base(false),
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: d.topFields.map((f) => tNeeds(`industryFields.${f.field}`)) },
      series: [{ name: t('chart.value'), type: 'bar', data: d.topFields.map((f) => Number(f.value)), itemStyle: { color: PRIMARY }, barMaxWidth: 24 }],
    },
    conversion: {
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'item', confine: true },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '5%',
          width: '90%',
          top: 8,
          bottom: 8,
          minSize: '12%',
          label: { position: 'inside', color: '#fff', formatter: '{b}\n{c}' },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          data: d.conversion.map((s, i) => ({ name: t(`conversion.steps.${s.step}`), value: s.needs, itemStyle: { color: ['#1e3a8a', '#1d4ed8', '#3b82f6', '#15803d'][i] } })),
        },
      ],
    },
    activeTeams: {
      ...base(false),
      xAxis: { type: 'category', data: d.activeTeams.map((m) => shortMonth(m.month)) },
      // The target stays in view however far below it the teams are.
      yAxis: { type: 'value', minInterval: 1, max: Math.ceil((Math.max(d.headline.activeTeamsTarget, ...d.activeTeams.map((m) => m.teams)) * 1.1) / 10) * 10 },
      series: [
        {
          name: t('chart.teams'),
          type: 'line',
          data: d.activeTeams.map((m) => m.teams),
          itemStyle: { color: PRIMARY },
          areaStyle: { color: 'rgba(29, 78, 216, 0.08)' },
          markLine: {
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#15803d' },
            label: { formatter: `${t('chart.target')} ${d.headline.activeTeamsTarget}`, position: 'insideEndTop' },
            data: [{ yAxis: d.headline.activeTeamsTarget }],
          },
        },
      ],
    },
    credit: {
      ...base(true),
      xAxis: { type: 'category', data: d.tables.credit.rows.map((r) => (r[0] === 'unrated' ? t('credit.unrated') : String(r[0]))) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('columns.enterprises'), type: 'bar', stack: 'kind', data: d.credit.map((c) => c.enterprises), itemStyle: { color: GRADE_COLOURS[0] } },
        { name: t('columns.researchTeams'), type: 'bar', stack: 'kind', data: d.credit.map((c) => c.researchTeams), itemStyle: { color: GRADE_COLOURS[1] } },
      ],
    },
    landingFunnel: {
      ...base(true),
      xAxis: { type: 'category', data: progress.map((f) => tLanding(`stages.${f.stage}`)), axisLabel: { interval: 0 } },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', splitLine: { show: false } },
      ],
      series: [
        {
          name: t('chart.reached'),
          type: 'bar',
          data: progress.map((f) => ({ value: f.reached, itemStyle: { color: STAGE_COLOURS[f.stage] } })),
          barMaxWidth: 32,
        },
        { name: t('chart.medianDays'), type: 'line', yAxisIndex: 1, data: progress.map((f) => f.medianDays), itemStyle: { color: '#111827' } },
      ],
    },
    landingByEnclave: stackedByStage(d.landing.byEnclave.map((e) => e.name), d.landing.byEnclave, tLanding),
    landingByField: stackedByStage(d.landing.byField.map((f) => tNeeds(`industryFields.${f.field}`)), d.landing.byField, tLanding),
  };
}

function stackedByStage(names: string[], rows: { byStage: Record<string, number> }[], tLanding: T): EChartsCoreOption {
  const stages = Object.keys(STAGE_COLOURS);
  return {
    ...base(true),
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: names },
    series: stages.map((s) => ({
      name: tLanding(`stages.${s}`),
      type: 'bar',
      stack: 'stage',
      data: rows.map((r) => r.byStage[s] ?? 0),
      itemStyle: { color: STAGE_COLOURS[s] },
      barMaxWidth: 24,
    })),
  };
}
