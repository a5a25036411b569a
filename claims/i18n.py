"""Every string the app shows, in English and Chinese, in one table.

Pages ask for a string by key (`text("job.cancel", "zh")`); values may hold `{name}` fields filled
from keyword arguments. A key missing in one language is a bug the tests catch.
"""
from __future__ import annotations

LANGUAGES = ("zh", "en")
_SELF_NAMES = {"zh": "中文", "en": "English"}

STRINGS: dict[str, dict[str, str]] = {
    # the app and its pages
    "app.name": {"en": "Patent claims analyser", "zh": "专利权利要求分析"},
    "app.lead": {
        "en": "Upload a patent export (Excel, ODS or CSV) with one patent's claims per cell. Each cell is split "
              "into numbered claims, independent and dependent claims are told apart with what they refer to, "
              "and you get the workbook back with per-patent figures and a sheet of every claim.",
        "zh": "上传专利导出文件（Excel、ODS 或 CSV），每个单元格为一件专利的全部权利要求。系统将每个单元格拆分为编号的"
              "权利要求，区分独立与从属权利要求及其引用关系，并返回附有每件专利统计数据和全部权利要求明细的工作簿。",
    },
    "nav.process": {"en": "Process a file", "zh": "处理文件"},
    "nav.jobs": {"en": "Jobs", "zh": "任务"},
    "nav.tree": {"en": "Claim tree", "zh": "权利要求树"},
    "nav.quick": {"en": "Quick check", "zh": "快速检查"},
    "sidebar.language": {"en": "Language", "zh": "界面语言"},
    "sidebar.workspace": {
        "en": "Workspace {token}…: bookmark this page to come back to your jobs.",
        "zh": "工作区 {token}…：将本页加入书签即可找回您的任务。",
    },
    # password gate
    "gate.password": {"en": "Team password", "zh": "团队密码"},
    "gate.enter": {"en": "Enter", "zh": "进入"},
    "gate.wrong": {"en": "That password is not right; ask your team lead for it.", "zh": "密码不正确，请向团队负责人索取。"},
    # upload and choices
    "upload.label": {"en": "Patent export", "zh": "专利导出文件"},
    "upload.help": {
        "en": "xlsx, xlsm, xls, ods or csv; exports of several hundred MB are fine.",
        "zh": "支持 xlsx、xlsm、xls、ods、csv，数百 MB 的导出文件也可以。",
    },
    "upload.saving": {"en": "Saving the file…", "zh": "正在保存文件…"},
    "upload.file": {"en": "File: **{filename}**", "zh": "文件：**{filename}**"},
    "upload.another": {"en": "Another file", "zh": "换一个文件"},
    "choose.sheet": {"en": "Sheet", "zh": "工作表"},
    "choose.sheet_rows": {"en": "{sheet} ({rows} rows)", "zh": "{sheet}（{rows} 行）"},
    "choose.column": {"en": "Claims column", "zh": "权利要求列"},
    "choose.id_column": {"en": "Publication-number column", "zh": "公开号列"},
    "choose.no_id": {"en": "(none)", "zh": "（无）"},
    "choose.no_id_found": {"en": "No publication-number column was found; rows are named by their number.",
                           "zh": "未识别到公开号列，将以行号标识各行。"},
    "choose.detected": {"en": "Detected: {reason}", "zh": "自动识别：{reason}"},
    "choose.preview": {"en": "First cells and how they parse", "zh": "前几个单元格及解析结果"},
    "options.prefer": {"en": "Claims language, in order of preference", "zh": "权利要求语言（按优先顺序）"},
    "options.prefer_help": {
        "en": "When a cell holds several language versions, the first language here that it holds is kept.",
        "zh": "单元格含多种语言版本时，保留此处排在最前且存在的语言。",
    },
    "options.headers": {"en": "Column headers of the output", "zh": "输出文件的列标题语言"},
    "process.button": {"en": "Process", "zh": "开始处理"},
    # a job
    "job.new": {"en": "New file", "zh": "处理新文件"},
    "job.not_found": {
        "en": "There is no such job: it may have been deleted, or the link is incomplete.",
        "zh": "没有这个任务：可能已被删除，或链接不完整。",
    },
    "job.cancel": {"en": "Cancel", "zh": "取消"},
    "job.retry": {"en": "Retry", "zh": "重试"},
    "job.failed": {"en": "The job failed: {error}", "zh": "任务失败：{error}"},
    "job.canceled": {"en": "The job was canceled.", "zh": "任务已取消。"},
    "job.rows": {"en": "{done} / {total} rows", "zh": "{done} / {total} 行"},
    "job.rows_unknown": {"en": "counting rows", "zh": "正在统计行数"},
    "job.rate": {"en": "{rate} rows/s", "zh": "每秒 {rate} 行"},
    "job.eta": {"en": "{left} left", "zh": "剩余 {left}"},
    "state.queued": {"en": "queued", "zh": "排队中"},
    "state.running": {"en": "running", "zh": "处理中"},
    "state.done": {"en": "done", "zh": "已完成"},
    "state.failed": {"en": "failed", "zh": "失败"},
    "state.canceled": {"en": "canceled", "zh": "已取消"},
    "stage.queued": {"en": "waiting for the worker", "zh": "等待后台处理"},
    "stage.starting": {"en": "opening the file", "zh": "正在打开文件"},
    "stage.processing": {"en": "analysing claims", "zh": "正在分析权利要求"},
    "stage.writing": {"en": "writing the workbook", "zh": "正在写入工作簿"},
    "stage.done": {"en": "done", "zh": "完成"},
    "stage.failed": {"en": "failed", "zh": "失败"},
    "stage.canceled": {"en": "canceled", "zh": "已取消"},
    # results
    "result.patents": {"en": "Patents", "zh": "专利数"},
    "result.rows": {"en": "Rows with claims, of {rows} rows", "zh": "含权利要求的行数（共 {rows} 行）"},
    "result.languages": {"en": "Languages", "zh": "语言数"},
    "result.issues": {"en": "Issues found", "zh": "发现的问题"},
    "result.preview": {"en": "First rows", "zh": "前几行"},
    "result.to_tree": {"en": "See a patent's claim tree", "zh": "查看专利的权利要求树"},
    "download.xlsx": {"en": "Download workbook (xlsx)", "zh": "下载工作簿 xlsx"},
    "download.csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "download.jsonl": {"en": "Download JSON Lines", "zh": "下载 JSON Lines"},
    "chart.claims_per_patent": {"en": "Claims per patent", "zh": "每件专利的权利要求数"},
    "chart.independent_per_patent": {"en": "Independent claims per patent", "zh": "每件专利的独立权利要求数"},
    "chart.languages": {"en": "Language mix", "zh": "语言分布"},
    "chart.claims": {"en": "Claims", "zh": "权利要求数"},
    "chart.independent": {"en": "Independent claims", "zh": "独立权利要求数"},
    "chart.patents": {"en": "Patents", "zh": "专利数"},
    "chart.language": {"en": "Language", "zh": "语言"},
    "severity.info": {"en": "notes", "zh": "提示"},
    "severity.warning": {"en": "warnings", "zh": "警告"},
    "severity.error": {"en": "errors", "zh": "错误"},
    # jobs page
    "jobs.title": {"en": "Jobs", "zh": "任务"},
    "jobs.lead": {
        "en": "The jobs of this workspace, newest first. A job of another workspace opens only through its link.",
        "zh": "本工作区的任务，最新的在前。其他工作区的任务只能通过其链接打开。",
    },
    "jobs.none": {"en": "No jobs in this workspace yet.", "zh": "本工作区还没有任务。"},
    "jobs.open": {"en": "Open", "zh": "打开"},
    "jobs.delete": {"en": "Delete", "zh": "删除"},
    "jobs.delete_confirm": {"en": "Delete {filename}, its results and its files?", "zh": "删除 {filename} 及其结果和文件？"},
    "jobs.delete_yes": {"en": "Delete it", "zh": "确认删除"},
    "jobs.times": {
        "en": "submitted {created} · started {started} · finished {finished}",
        "zh": "提交 {created} · 开始 {started} · 完成 {finished}",
    },
    # claim tree page
    "tree.title": {"en": "Claim tree", "zh": "权利要求树"},
    "tree.lead": {
        "en": "Pick a finished job and a patent to see how its claims depend on each other.",
        "zh": "选择一个已完成的任务和一件专利，查看其权利要求之间的引用关系。",
    },
    "tree.no_jobs": {"en": "No finished job yet: process a file first.", "zh": "还没有已完成的任务，请先处理一个文件。"},
    "tree.no_claims": {"en": "This job found no claims in any row.", "zh": "该任务在所有行中都没有找到权利要求。"},
    "tree.job": {"en": "Job", "zh": "任务"},
    "tree.job_label": {"en": "{filename} ({finished})", "zh": "{filename}（{finished}）"},
    "tree.patent": {"en": "Patent", "zh": "专利"},
    "tree.patent_help": {
        "en": "The patents the search found, or the job's first ones.",
        "zh": "搜索到的专利；未搜索时为该任务的前几件专利。",
    },
    "tree.search": {"en": "Search by publication number or row", "zh": "按公开号或行号搜索"},
    "tree.search_help": {
        "en": "Part of a publication number (spaces and punctuation do not matter), or a row number such as 1234.",
        "zh": "输入公开号的一部分（空格和标点不影响），或行号，如 1234。",
    },
    "tree.searching": {"en": "Searching the job's results…", "zh": "正在搜索任务结果…"},
    "tree.search_none": {"en": "No patent matches “{query}”.", "zh": "没有与“{query}”匹配的专利。"},
    "tree.first_shown": {
        "en": "The first {shown} of {total} patents; search to find the others.",
        "zh": "显示 {total} 件专利中的前 {shown} 件；其余专利请搜索。",
    },
    "tree.matches_first": {
        "en": "The first {shown} patents that match; make the search longer to narrow it.",
        "zh": "显示前 {shown} 件匹配的专利；输入更多字符可缩小范围。",
    },
    "tree.unreadable": {
        "en": "This patent's results cannot be read: the job's files are gone. Process the file again.",
        "zh": "无法读取该专利的结果：任务文件已不存在。请重新处理该文件。",
    },
    "tree.patent_label": {"en": "{patent} · {claims} claims", "zh": "{patent} · {claims} 项权利要求"},
    "tree.legend": {
        "en": "Dark boxes are independent claims; an arrow leads from a claim to each claim that refers to it. "
              "Hover over a box for the claim's text.",
        "zh": "深色框为独立权利要求；箭头从被引用的权利要求指向引用它的权利要求。鼠标悬停可查看权利要求全文。",
    },
    "tree.texts": {"en": "Each claim's text", "zh": "各项权利要求全文"},
    "tree.table": {"en": "All claims as a table", "zh": "全部权利要求表格"},
    # quick check page
    "quick.title": {"en": "Quick check", "zh": "快速检查"},
    "quick.lead": {
        "en": "Paste one patent's claims to see how they are split, classified and linked.",
        "zh": "粘贴一件专利的权利要求，查看拆分、分类和引用关系。",
    },
    "quick.input": {"en": "Claims text", "zh": "权利要求文本"},
    "quick.placeholder": {
        "en": "1. A device comprising …\n2. The device of claim 1, wherein …",
        "zh": "1. 一种装置，包括……\n2. 根据权利要求1所述的装置，其特征在于……",
    },
    "quick.empty": {"en": "Paste claims above; the results appear here at once.", "zh": "在上方粘贴权利要求，结果会立即显示在这里。"},
    "quick.none": {"en": "No numbered claims were found in this text.", "zh": "文本中没有找到编号的权利要求。"},
    "quick.issues": {"en": "Issues found: {count}", "zh": "发现的问题：{count}"},
    "quick.table": {"en": "Claims", "zh": "权利要求"},
    "quick.tree": {"en": "Tree", "zh": "引用树"},
    # figures and columns
    "figure.claims": {"en": "Claims", "zh": "权利要求数"},
    "figure.independent": {"en": "Independent", "zh": "独立权利要求数"},
    "figure.dependent": {"en": "Dependent", "zh": "从属权利要求数"},
    "figure.depth": {"en": "Depth", "zh": "引用层级"},
    "figure.depth_help": {
        "en": "The longest chain of references; an independent claim alone is 1.",
        "zh": "最长的引用链长度；单独的独立权利要求为 1。",
    },
    "figure.first_length": {"en": "First claim length", "zh": "首项权利要求长度"},
    "figure.language": {"en": "Language", "zh": "语言"},
    "figure.versions": {"en": "Versions in the cell: {versions}", "zh": "单元格中的语言版本：{versions}"},
    "unit.words": {"en": "in words", "zh": "按词计"},
    "unit.characters": {"en": "in characters", "zh": "按字计"},
    "column.row": {"en": "Row", "zh": "行号"},
    "column.patent": {"en": "Publication number", "zh": "公开号"},
    "column.cell": {"en": "Cell", "zh": "单元格内容"},
    "column.language": {"en": "Language", "zh": "语言"},
    "column.number": {"en": "No.", "zh": "序号"},
    "column.kind": {"en": "Kind", "zh": "类型"},
    "column.refs": {"en": "Refers to", "zh": "引用"},
    "column.category": {"en": "Category", "zh": "类别"},
    "column.length": {"en": "Length", "zh": "长度"},
    "column.text": {"en": "Text", "zh": "内容"},
    "column.independent_claims": {"en": "Independent claims", "zh": "独立权利要求编号"},
    "column.tree": {"en": "Claim tree", "zh": "引用关系树"},
    "column.status": {"en": "Status", "zh": "状态"},
    "status.ok": {"en": "ok", "zh": "正常"},
    "kind.independent": {"en": "independent", "zh": "独立"},
    "kind.dependent": {"en": "dependent", "zh": "从属"},
    "kind.canceled": {"en": "canceled", "zh": "已删除"},
    "category.product": {"en": "product", "zh": "产品"},
    "category.method": {"en": "method", "zh": "方法"},
    "category.use": {"en": "use", "zh": "用途"},
    "category.composition": {"en": "composition", "zh": "组合物"},
    "category.medium": {"en": "medium", "zh": "存储介质"},
    "language.en": {"en": "English", "zh": "英文"},
    "language.zh": {"en": "Chinese", "zh": "中文"},
    "language.ja": {"en": "Japanese", "zh": "日文"},
    "language.ko": {"en": "Korean", "zh": "韩文"},
    "language.de": {"en": "German", "zh": "德文"},
    "language.fr": {"en": "French", "zh": "法文"},
    "language.es": {"en": "Spanish", "zh": "西班牙文"},
    "language.none": {"en": "—", "zh": "—"},
    # the engine's findings, by code (English shows the engine's own sentence)
    "finding.at_claim": {"en": " (claim {claim})", "zh": "（权利要求 {claim}）"},
    "finding.numbering-start": {"en": "The numbering does not start at 1", "zh": "编号不是从 1 开始"},
    "finding.numbering-gap": {"en": "A claim number is missing", "zh": "编号不连续，缺少权利要求"},
    "finding.later-reference": {"en": "Refers to a later claim", "zh": "引用了在后的权利要求"},
    "finding.missing-reference": {"en": "Refers to a claim not in the text", "zh": "引用了文本中不存在的权利要求"},
    "finding.canceled-reference": {"en": "Refers to a canceled claim", "zh": "引用了已删除的权利要求"},
    "finding.multiple-on-multiple": {
        "en": "A multiple dependent claim refers to another multiple dependent claim",
        "zh": "多项从属权利要求引用了另一多项从属权利要求",
    },
    "finding.empty": {"en": "The cell is empty", "zh": "单元格为空"},
    "finding.not-text": {"en": "The cell holds no text", "zh": "单元格不是文本"},
    "finding.no-claims": {"en": "Text without numbered claims", "zh": "有文本但没有编号的权利要求"},
    "finding.unnumbered": {"en": "One unnumbered claim, read as claim 1", "zh": "一项未编号的权利要求，按权利要求 1 处理"},
    "finding.duplicate-number": {"en": "A claim number is used twice; the first claim is kept",
                                 "zh": "权利要求编号重复，保留第一项"},
    "finding.duplicate-version": {"en": "The same claims appear twice; the first set is used",
                                  "zh": "同一组权利要求出现两次，使用第一组"},
    # messages of the claims package, by code (claims.errors.Message); about a file: "{file}: {message}"
    "message.file": {"en": "{file}: {message}", "zh": "{file}：{message}"},
    "message.no-file": {"en": "no such file; check the path.", "zh": "文件不存在，请检查路径。"},
    "message.empty-file": {"en": "the file is empty; export the workbook again.", "zh": "文件为空，请重新导出工作簿。"},
    "message.too-big": {
        "en": "the file is {size_mb:.0f} MB, over the {limit_mb:.0f} MB limit; split it into smaller workbooks.",
        "zh": "文件大小 {size_mb:.0f} MB，超过 {limit_mb:.0f} MB 的上限，请拆分为较小的工作簿。",
    },
    "message.pdf": {
        "en": "this is a PDF, not a spreadsheet; export the data as .xlsx or .csv.",
        "zh": "这是 PDF 文件，不是电子表格，请将数据导出为 .xlsx 或 .csv。",
    },
    "message.not-spreadsheet": {
        "en": "not a spreadsheet (expected .xlsx, .xlsm, .xls, .ods, .csv or .tsv); export the data in one of these formats.",
        "zh": "不是电子表格（应为 .xlsx、.xlsm、.xls、.ods、.csv 或 .tsv），请以其中一种格式导出数据。",
    },
    "message.corrupt-file": {
        "en": "the file is corrupt or truncated ({detail}); export or download it again.",
        "zh": "文件已损坏或不完整（{detail}），请重新导出或下载。",
    },
    "message.corrupt-workbook": {
        "en": "the {kind} file is corrupt or truncated ({detail}); export it again.",
        "zh": "该 {kind} 文件已损坏或不完整（{detail}），请重新导出。",
    },
    "message.zip-bomb": {
        "en": "the workbook inflates to {inflated_mb:.0f} MB from {size_mb:.1f} MB ({ratio:.0f}x), beyond the limits "
              "for a real export (zip bomb?); refused, check where it came from.",
        "zh": "工作簿从 {size_mb:.1f} MB 解压后达 {inflated_mb:.0f} MB（{ratio:.0f} 倍），超出真实导出文件的范围"
              "（疑似压缩炸弹），已拒绝，请核实文件来源。",
    },
    "message.zip-not-workbook": {
        "en": "a zip archive but not a workbook; export the data as .xlsx or .csv.",
        "zh": "这是 zip 压缩包而不是工作簿，请将数据导出为 .xlsx 或 .csv。",
    },
    "message.encrypted": {
        "en": "the workbook is encrypted with a password; save an unprotected copy and use that.",
        "zh": "工作簿已用密码加密，请另存一份未加密的副本后上传。",
    },
    "message.protected": {
        "en": "the workbook is protected with a password; save an unprotected copy and use that.",
        "zh": "工作簿受密码保护，请另存一份不受保护的副本后上传。",
    },
    "message.not-text": {
        "en": "not readable as text in UTF-8, UTF-16 or GB18030; save it as CSV UTF-8 and try again.",
        "zh": "无法按 UTF-8、UTF-16 或 GB18030 读取为文本，请另存为 CSV UTF-8 后重试。",
    },
    "message.bad-text": {
        "en": "not valid {encoding} text further in the file; save it as CSV UTF-8 and try again.",
        "zh": "文件后部有不符合 {encoding} 编码的文本，请另存为 CSV UTF-8 后重试。",
    },
    "message.bad-csv": {"en": "malformed CSV ({detail}); check the file.", "zh": "CSV 格式有误（{detail}），请检查文件。"},
    "message.no-sheet": {
        "en": "no sheet named {sheet!r}; the sheets are {sheets}.",
        "zh": "没有名为“{sheet}”的工作表；现有工作表：{sheets}。",
    },
    "message.disk-full": {
        "en": "the disk holding the data folder is full; free some space and retry the job.",
        "zh": "数据文件夹所在的磁盘已满，请释放空间后重试该任务。",
    },
    "message.empty-sheet": {
        "en": "sheet {sheet!r} is empty; choose another sheet.",
        "zh": "工作表“{sheet}”为空，请选择其他工作表。",
    },
    "message.no-data-rows": {
        "en": "sheet {sheet!r} has a header but no data rows; nothing to process.",
        "zh": "工作表“{sheet}”只有表头，没有数据行，无可处理。",
    },
    "message.no-claims-column": {
        "en": "sheet {sheet!r}: no column looks like numbered claims (columns: {columns}); "
              "check that this sheet holds the claims.",
        "zh": "工作表“{sheet}”中没有看似编号权利要求的列（各列：{columns}），请确认权利要求在此工作表中。",
    },
    "message.no-column": {
        "en": "sheet {sheet!r}: no column named {column!r}; the columns are {columns}.",
        "zh": "工作表“{sheet}”中没有名为“{column}”的列；现有列：{columns}。",
    },
    "message.claims-header": {
        "en": "column {column!r} ({letter}): header matches {word!r}",
        "zh": "“{column}”列（{letter}）：列名与“{word}”相符",
    },
    "message.claims-header-content": {
        "en": "column {column!r} ({letter}): header matches {word!r} and {share:.0%} of {sampled} sampled cells "
              "look like numbered claims",
        "zh": "“{column}”列（{letter}）：列名与“{word}”相符，且抽样的 {sampled} 个单元格中 {share:.0%} 看似编号的权利要求",
    },
    "message.claims-content": {
        "en": "column {column!r} ({letter}): {share:.0%} of {sampled} sampled cells look like numbered claims",
        "zh": "“{column}”列（{letter}）：抽样的 {sampled} 个单元格中 {share:.0%} 看似编号的权利要求",
    },
    "message.id-header-content": {
        "en": "column {column!r} ({letter}): header matches {word!r} and {share:.0%} of {sampled} sampled cells "
              "look like publication numbers",
        "zh": "“{column}”列（{letter}）：列名与“{word}”相符，且抽样的 {sampled} 个单元格中 {share:.0%} 看似公开号",
    },
    "message.id-content": {
        "en": "column {column!r} ({letter}): {share:.0%} of {sampled} sampled cells look like publication numbers",
        "zh": "“{column}”列（{letter}）：抽样的 {sampled} 个单元格中 {share:.0%} 看似公开号",
    },
    "message.chosen-claims": {
        "en": "column {column!r} ({letter}): chosen as the claims column",
        "zh": "“{column}”列（{letter}）：指定为权利要求列",
    },
    "message.chosen-publication-number": {
        "en": "column {column!r} ({letter}): chosen as the publication-number column",
        "zh": "“{column}”列（{letter}）：指定为公开号列",
    },
    # durations
    "duration.seconds": {"en": "{s} s", "zh": "{s} 秒"},
    "duration.minutes": {"en": "{m} min {s:02d} s", "zh": "{m} 分 {s:02d} 秒"},
    "duration.hours": {"en": "{h} h {m:02d} min", "zh": "{h} 小时 {m:02d} 分"},
}


def has(key: str) -> bool:
    """Whether the table holds key."""
    return key in STRINGS


def text(key: str, language: str, **values: object) -> str:
    """The string key in language (English when language is unknown), with {fields} filled in."""
    entry = STRINGS[key]
    template = entry.get(language, entry["en"])
    return template.format(**values) if values else template


def language_name(code: str) -> str:
    """An interface language in its own words, for the language switch."""
    return _SELF_NAMES[code]


def duration(seconds: float, language: str) -> str:
    """A time span, rounded to what a person waiting wants to know: '45 s', '3 min 05 s', '2 h 10 min'."""
    whole = max(0, round(seconds))
    if whole < 60:
        return text("duration.seconds", language, s=whole)
    if whole < 3600:
        return text("duration.minutes", language, m=whole // 60, s=whole % 60)
    return text("duration.hours", language, h=whole // 3600, m=whole % 3600 // 60)
