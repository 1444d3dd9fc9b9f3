-- Ascend's error codes reach 0xFFFFFFFF and do not fit the XID column: samples keep them in a
-- column of their own (GpuSample v4's error_code). Rows written before it existed have NULL.

ALTER TABLE litmeter.samples ADD COLUMN error_code Nullable(UInt64);
ALTER TABLE litmeter.samples COMMENT COLUMN error_code 'Error code of an accelerator whose codes do not fit xid_last (Ascend npu_chip_info_error_code), 0 for none';
