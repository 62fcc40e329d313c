-- The languages Tesseract reads an organisation's scanned pages in ("eng", "deu+eng"):
-- Tesseract's own codes joined by "+", the first the one it tries first. Null: the
-- installation's default (ASSAY_OCR_LANGUAGES).
alter table organizations add column ocr_languages varchar(64)
    constraint organizations_ocr_languages_check
        check (ocr_languages ~ '^[a-z]{3}(_[a-z]{3,4})?(\+[a-z]{3}(_[a-z]{3,4})?){0,4}$');
