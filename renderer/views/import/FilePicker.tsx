import { Card, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';

const ACCEPT = '.csv,.tsv,.txt,.xlsx,.xlsm,.xls,.et,.htm,.html,.xml,.parquet,.json,.geojson,.lrmx,.lrm,.zip';

/** Drop files or pick them; nothing is uploaded anywhere: the files are read in this window. */
export function FilePicker({ onFiles }: { onFiles: (files: File[]) => void }) {
  let batch: File[] = [];
  return (
    <Card>
      <Upload.Dragger
        data-testid="import-drop"
        multiple
        accept={ACCEPT}
        showUploadList={false}
        beforeUpload={(file, list) => {
          batch.push(file);
          if (batch.length === list.length) {
            onFiles(batch);
            batch = [];
          }
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">将文件拖到此处，或点击选择文件</p>
        <p className="ant-upload-hint">
          支持 CSV/TSV（GBK、UTF-8、UTF-16 自动识别）、Excel（.xlsx/.xls，含 WPS .et 及系统导出的网页或 XML 格式 .xls）、Parquet、JSON、GeoJSON、任免审批表（.lrmx）及其 zip 压缩包。
        </p>
      </Upload.Dragger>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        文件只在本机读取，不会上传到任何地方。导入前会显示识别结果和校验报告，确认后才写入工作区。
      </Typography.Paragraph>
    </Card>
  );
}
