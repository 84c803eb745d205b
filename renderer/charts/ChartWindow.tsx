import { useEffect, type Dispatch, type ReactNode, type Ref, type SetStateAction } from 'react';
import { Flex, Slider } from 'antd';

/** Rows the wheel moves a chart's window by, per notch. */
const WHEEL_ROWS = 3;

/**
 * A row selected elsewhere (`selectedIndex`, or -1) scrolls into a chart's window of `visible` rows, whose first row
 * is the state `setStart` sets.
 */
export function useRevealRow(selectedIndex: number, visible: number, setStart: Dispatch<SetStateAction<number>>): void {
  useEffect(() => {
    if (selectedIndex >= 0) setStart((s0) => (selectedIndex >= s0 && selectedIndex < s0 + visible ? s0 : Math.max(0, selectedIndex - 5)));
  }, [selectedIndex, visible, setStart]);
}

/**
 * A chart drawing rows `first` to `first + visible` of `total`: the wheel over it and a vertical slider beside it
 * move the window (only the rows in view are drawn, so 3,000 rows redraw as fast as 40). With every row in view it is
 * the chart alone. `gutter`: the chart's space above and below its rows, where the slider does not reach.
 */
export function ChartWindow({
  first,
  total,
  visible,
  height,
  gutter,
  setStart,
  testId,
  boxRef,
  children,
}: {
  first: number;
  total: number;
  visible: number;
  height: number;
  gutter: { readonly top: number; readonly bottom: number };
  setStart: Dispatch<SetStateAction<number>>;
  testId: string;
  boxRef?: Ref<HTMLDivElement>;
  children: ReactNode;
}) {
  const maxStart = Math.max(0, total - visible);
  const scrollable = maxStart > 0;
  return (
    <Flex>
      <div
        ref={boxRef}
        style={{ flex: 1, minWidth: 0 }}
        onWheel={(e) => {
          if (scrollable) setStart((s0) => Math.max(0, Math.min(maxStart, s0 + Math.sign(e.deltaY) * WHEEL_ROWS)));
        }}
      >
        {children}
      </div>
      {scrollable && (
        <Slider
          data-testid={testId}
          vertical
          reverse
          style={{ height: height - gutter.top - gutter.bottom, marginTop: gutter.top }}
          min={0}
          max={maxStart}
          value={first}
          tooltip={{ formatter: (v) => `${(v ?? 0) + 1}–${Math.min((v ?? 0) + visible, total)} / ${total}` }}
          onChange={(v: number) => setStart(v)}
        />
      )}
    </Flex>
  );
}
