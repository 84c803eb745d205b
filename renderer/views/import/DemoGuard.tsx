import { Button, Result, Space } from 'antd';
import { useAppStore } from '../../state/store.js';

/** Before importing into the sample: real files belong in a workspace of their own. */
export function DemoGuard(props: { onContinue: () => void }) {
  const setAsking = useAppStore((s) => s.setAskingNewWorkspace);
  return (
    <Result
      status="warning"
      data-testid="demo-guard"
      title="当前是示例工作区（虚构的演示数据）"
      subTitle="导入到示例工作区，真实地区会和虚构的地区放在一起比较排名，表头也会按示例的指标目录匹配。导入真实数据，请先新建一个空工作区。"
      extra={
        <Space wrap>
          <Button type="primary" onClick={() => setAsking(true)} data-testid="demo-guard-new">
            新建工作区再导入
          </Button>
          <Button onClick={props.onContinue} data-testid="demo-guard-continue">
            仍导入到示例工作区（练习用）
          </Button>
        </Space>
      }
    />
  );
}
