<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: the format-independent knowledge of a fortran-tei volume, shared by html.xsl,
  epub.xsl and pdf.xsl (import it; override by import precedence if a format needs to).

  It answers questions, it never decides presentation: which units are documents, in what
  order, under which number and file name; how a date reads; which note is number 3 and which
  apparatus entry is "c"; who "#p_KJF2" is; what "#t_NATO1" expands to; which sentences make
  the FRUS source note. Every function takes the node it is about (or a node of the tree to
  search), so that no function depends on a global context item: an output may call them from
  any mode, from a result-document, or from an xsl:function of its own.

  It works on any TEI P5, not only ours: a teiCorpus of TEI files (our assembled volume), a
  single TEI whose documents are div[@type='document'], or a plain TEI article (one document).
  Everything absent from the header simply yields the empty sequence.

  Modes defined here:
  - f:plain   the reading text of a node as plain text (for titles, meta tags, alt text):
              notes and apparatus readings dropped, lemmas kept, pb/lb as nothing/space.

  Parameter: fallback-title, the title of a volume whose sources give none (Python passes a
  folder's or file's name; see f:volume-title).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:f="https://fortran-tei.org/ns/functions"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- ================================================================ keys -->

  <!-- Every pointer in the volume is a same-volume xml:id: one key serves all look-ups. -->
  <xsl:key name="f:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- f:anchor numbers elements without an id among their namesakes: one look-up per name
       instead of a scan of everything before each element. -->
  <xsl:key name="f:by-name" match="*" use="local-name()"/>

  <!-- "Which documents name this person?" is asked once per person: index the pointers. -->
  <xsl:key name="f:persName-ref" match="persName[@ref] | name[@ref]"
           use="tokenize(normalize-space(@ref), ' ') ! substring-after(., '#')[. ne '']"/>

  <!-- ======================================================= documents -->

  <!--
    The documents of the tree, in reading order. A document is:
    - the TEI that holds exactly one div[@type='document'] (ours: its header holds the facts);
    - otherwise each div[@type='document'] (a single-file volume);
    - a TEI without such divs whose body has content (an article, a letter) is one document;
    - a tree with none of these is one document: its root.
    Front-matter files (text/front only) are not documents: see f:front-parts.
  -->
  <xsl:function name="f:documents" as="element()*" cache="yes">
    <xsl:param name="tree" as="node()"/>
    <xsl:variable name="root" select="root($tree)"/>
    <xsl:variable name="units" as="element()*" select="
      for $tei in $root//TEI return
        if ($tei//div[@type = 'document']) then $tei//div[@type = 'document'] ! f:document-unit(.)
        else if ($tei/text/body[normalize-space() or .//(graphic | figure | table)]) then $tei
        else ()"/>
    <xsl:sequence select="
      if (exists($units)) then $units/.
      else ($root//div[@type = 'document'], ($root/*[self::TEI or self::teiCorpus])[1])[1]"/>
  </xsl:function>

  <!-- The unit a document div belongs to: its TEI when that TEI holds only this document. -->
  <xsl:function name="f:document-unit" as="element()">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="tei" select="$div/ancestor::TEI[1]"/>
    <xsl:sequence select="
      if ($tei and count($tei//div[@type = 'document']) eq 1) then $tei else $div"/>
  </xsl:function>

  <!-- The document (unit) that contains a node, if any. -->
  <xsl:function name="f:document-of" as="element()?">
    <xsl:param name="node" as="node()"/>
    <!-- asked by the root, so that f:documents' cache serves every node of the tree -->
    <xsl:sequence select="($node/ancestor-or-self::* intersect f:documents(root($node)))[last()]"/>
  </xsl:function>

  <!-- The front-matter parts (about, introduction, persons, …): TEI or div children of front,
       each with a stable name. In our volume each part is a TEI whose text has only front. -->
  <xsl:function name="f:front-parts" as="element()*" cache="yes">
    <xsl:param name="tree" as="node()"/>
    <xsl:sequence select="root($tree)//front/div[not(ancestor::div)]"/>
  </xsl:function>

  <!-- The document div itself (head, dateline, body), whichever the unit is. -->
  <xsl:function name="f:document-div" as="element()">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="
      if ($unit/self::div) then $unit
      else (($unit//div[@type = 'document'])[1], $unit/text/body, $unit/text, $unit)[1]"/>
  </xsl:function>

  <!-- The header describing a unit: a TEI's own. A document div of a single-file volume has
       none: every header fact is then absent (its head, dateline and notes still count). -->
  <xsl:function name="f:header" as="element(teiHeader)?">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="$unit/self::TEI/teiHeader"/>
  </xsl:function>

  <!-- ============================================================ the volume -->

  <!-- Python names a volume whose sources give no title (a folder's name); the default is for
       a transformation run by hand. -->
  <xsl:param name="fallback-title" as="xs:string" select="'TEI documents'"/>

  <!-- The header of the whole volume: the root's own; in a single TEI (not a corpus) without
       one, the first header. A corpus without a header has none: a document's header does not
       describe the volume. -->
  <xsl:function name="f:volume-header" as="element(teiHeader)?">
    <xsl:param name="tree" as="node()"/>
    <xsl:variable name="root" select="root($tree)"/>
    <xsl:sequence select="($root/*/teiHeader, ($root//teiHeader)[not($root/teiCorpus)])[1]"/>
  </xsl:function>

  <!-- The volume's title: its header's main title, else the first document's own title,
       else the fallback-title parameter. -->
  <xsl:function name="f:volume-title" as="xs:string">
    <xsl:param name="tree" as="node()"/>
    <xsl:variable name="titles" select="f:volume-header($tree)/fileDesc/titleStmt/title"/>
    <xsl:sequence select="
      (($titles[@type = 'main'], $titles[@type = 'complete'], $titles[not(@type = ('sub', 'short'))], $titles)
         ! f:plain(.)[. ne ''],
       f:documents($tree)[1] ! f:given-doc-title(.),
       $fallback-title)[1]"/>
  </xsl:function>

  <xsl:function name="f:volume-subtitle" as="xs:string?">
    <xsl:param name="tree" as="node()"/>
    <xsl:sequence select="(f:volume-header($tree)/fileDesc/titleStmt/title[@type = 'sub'] ! f:plain(.)[. ne ''])[1]"/>
  </xsl:function>

  <!-- The volume's language tag as the sources give it ("en", "en-US"); "en" when none does. -->
  <xsl:function name="f:volume-language" as="xs:string">
    <xsl:param name="tree" as="node()"/>
    <xsl:variable name="root" select="root($tree)"/>
    <xsl:sequence select="(($root/*/@xml:lang, $root//text/@xml:lang, $root//TEI/@xml:lang)[normalize-space()] ! normalize-space(), 'en')[1]"/>
  </xsl:function>

  <!-- The date of publication as ISO (yyyy, yyyy-mm or yyyy-mm-dd), or empty. -->
  <xsl:function name="f:volume-date" as="xs:string?">
    <xsl:param name="tree" as="node()"/>
    <xsl:sequence select="
      ((f:volume-header($tree)/fileDesc/publicationStmt//date ! (@when, @notAfter, .))
         [matches(normalize-space(.), '^\d{4}(-\d{2}(-\d{2})?)?$')])[1] ! normalize-space(.)"/>
  </xsl:function>

  <!-- Who made the volume: its editors and authors, and the names its respStmts give, in
       order (elements: an output may ask whether one is an author). -->
  <xsl:function name="f:volume-editors" as="element()*">
    <xsl:param name="tree" as="node()"/>
    <xsl:sequence select="f:volume-header($tree)/fileDesc/titleStmt/(editor | author | respStmt/(persName | name | orgName))[normalize-space()]"/>
  </xsl:function>

  <xsl:function name="f:volume-publisher" as="xs:string?">
    <xsl:param name="tree" as="node()"/>
    <xsl:sequence select="(f:volume-header($tree)/fileDesc/publicationStmt/(publisher, distributor, authority) ! f:plain(.)[. ne ''])[1]"/>
  </xsl:function>

  <!-- The volume's subjects: its header's keywords, else the documents' topics, those most
       documents share first (ties alphabetically). Outputs take as many as they show. -->
  <xsl:function name="f:volume-topics" as="xs:string*">
    <xsl:param name="tree" as="node()"/>
    <xsl:variable name="own" select="f:volume-header($tree)/profileDesc/textClass/keywords/term ! normalize-space()[. ne '']"/>
    <xsl:variable name="topics" select="f:documents($tree) ! distinct-values(f:topics(.))"/>
    <xsl:sequence select="
      if (exists($own)) then distinct-values($own)
      else sort(sort(distinct-values($topics)), (), function ($t) { - count($topics[. eq $t]) })"/>
  </xsl:function>

  <!-- Previous and next documents, for page navigation. -->
  <xsl:function name="f:previous-document" as="element()?">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="docs" select="f:documents($unit)"/>
    <xsl:sequence select="$docs[index-of($docs ! generate-id(), generate-id($unit))[1] - 1]"/>
  </xsl:function>

  <xsl:function name="f:next-document" as="element()?">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="docs" select="f:documents($unit)"/>
    <xsl:sequence select="$docs[index-of($docs ! generate-id(), generate-id($unit))[1] + 1]"/>
  </xsl:function>

  <!-- ============================================ numbers, ids, file names -->

  <!-- The number the sources give a document: header idno, else div/@n; empty if none. -->
  <xsl:function name="f:given-doc-number" as="xs:string?">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="
      (f:header($unit)//idno[@type = 'document-number'][normalize-space()] ! normalize-space(),
       f:document-div($unit)/@n[normalize-space()] ! normalize-space())[1]"/>
  </xsl:function>

  <!-- The printed document number: the given one, else its position in the volume. -->
  <xsl:function name="f:doc-number" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="docs" select="f:documents($unit)"/>
    <xsl:sequence select="
      (f:given-doc-number($unit), string(index-of($docs ! generate-id(), generate-id($unit))[1]))[1]"/>
  </xsl:function>

  <!-- The title the sources give a document, as text: the header's heading title, else the
       div's head, else the header's main title; empty if none. -->
  <xsl:function name="f:given-doc-title" as="xs:string?">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="
      ((f:header($unit)//titleStmt/title[@type = 'heading'],
        f:document-div($unit)/head[1],
        f:header($unit)//titleStmt/title[1])
       ! f:plain(.)[. ne ''])[1]"/>
  </xsl:function>

  <!-- The heading without number: the given title, else "Document 7". -->
  <xsl:function name="f:doc-title" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="(f:given-doc-title($unit), 'Document ' || f:doc-number($unit))[1]"/>
  </xsl:function>

  <!-- The head element with its markup (names, notes), for outputs that render it. -->
  <xsl:function name="f:doc-head" as="element()?">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="(f:document-div($unit)/head)[1]"/>
  </xsl:function>

  <!-- "21. Letter From Chairman Khrushchev to President Kennedy" -->
  <xsl:function name="f:doc-heading" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="f:doc-number($unit) || '. ' || f:doc-title($unit)"/>
  </xsl:function>

  <!--
    A stable, safe name for a document or front part: its xml:id (d21), else a name from its
    number. Names a site uses for its own pages are never handed out (an xml:id "index" must not
    overwrite the home page): such ids get a "doc-" prefix. Outputs add their extension.
  -->
  <xsl:variable name="f:reserved-names" as="xs:string*"
    select="('index', 'contents', 'persons', 'abbreviations', 'sources', 'about', 'introduction',
             'search', 'nav', 'toc', 'cover', 'title', 'pagefind', 'assets')"/>

  <xsl:function name="f:safe-name" as="xs:string">
    <xsl:param name="raw" as="xs:string"/>
    <xsl:variable name="clean" select="replace(replace(normalize-space($raw), '[^A-Za-z0-9_.-]+', '-'), '^[.-]+', '')"/>
    <xsl:sequence select="if ($clean eq '') then 'x' else f:not-ours($clean)"/>
  </xsl:function>

  <!--
    The outputs' own ids (ft-main, ft-site-search, ft-notes-d21, ft-ref-d21fn1 …) all start
    with "ft-"; an anchor made from the sources never does, so it can never equal one of
    them: "ft-main" from an xml:id becomes "id-ft-main".
  -->
  <xsl:function name="f:not-ours" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="if (starts-with($name, 'ft-')) then 'id-' || $name else $name"/>
  </xsl:function>

  <!-- A made-up anchor (pb-12, d21fn3, pg_XI) that a source's xml:id already names is
       moved into our own "ft-id-" space, so it never lands on that element's anchor. -->
  <xsl:function name="f:unclaimed" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="tree" as="node()"/>
    <xsl:sequence select="if (exists(key('f:id', $name, root($tree)))) then 'ft-id-' || $name else f:not-ours($name)"/>
  </xsl:function>

  <!-- The id of a note's marker in the text (the note's back link goes there). -->
  <xsl:function name="f:ref-id" as="xs:string">
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:sequence select="'ft-ref-' || $anchor"/>
  </xsl:function>

  <xsl:function name="f:doc-file" as="xs:string" cache="yes">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="base" select="f:doc-base-name($unit)"/>
    <!-- loose files gathered from a folder may share ids: the second "minutes" is "minutes-2" -->
    <xsl:variable name="same" select="f:documents($unit)[f:doc-base-name(.) eq $base]"/>
    <xsl:sequence select="
      if (count($same) le 1) then $base
      else $base || (index-of($same ! generate-id(), generate-id($unit))[1] ! (if (. eq 1) then '' else '-' || .))"/>
  </xsl:function>

  <xsl:function name="f:doc-base-name" as="xs:string" cache="yes">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="id" select="($unit/@xml:id, f:document-div($unit)/@xml:id)[normalize-space()][1]"/>
    <xsl:variable name="name" select="if ($id) then f:safe-name($id) else 'd' || f:safe-name(f:doc-number($unit))"/>
    <xsl:sequence select="if (lower-case($name) = $f:reserved-names) then 'doc-' || $name else $name"/>
  </xsl:function>

  <!-- Front parts are named after their div type (about, introduction, persons …) so that
       every output has the same pages whatever the file names were. -->
  <xsl:function name="f:front-file" as="xs:string" cache="yes">
    <xsl:param name="part" as="element()"/>
    <xsl:variable name="base" select="f:front-base-name($part)"/>
    <xsl:variable name="same" select="f:front-parts($part)[f:front-base-name(.) eq $base]"/>
    <xsl:sequence select="
      if (count($same) le 1) then $base
      else $base || (index-of($same ! generate-id(), generate-id($part))[1] ! (if (. eq 1) then '' else '-' || .))"/>
  </xsl:function>

  <xsl:function name="f:front-base-name" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="f:safe-name(($part/@type, $part/ancestor::TEI[1]/@xml:id, $part/@xml:id, 'front')[normalize-space()][1])"/>
  </xsl:function>

  <!-- An anchor for any element: its xml:id, else its name and its position among the
       elements of that name in the tree ("pb-12"): deterministic, and unique. -->
  <xsl:function name="f:anchor" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="
      if ($el/@xml:id[normalize-space()]) then f:safe-name($el/@xml:id)
      else f:unclaimed(local-name($el) || '-' || f:positions-by-name(root($el), local-name($el))(generate-id($el)), $el)"/>
  </xsl:function>

  <!-- generate-id → position among the elements of one name, computed once per name. -->
  <xsl:function name="f:positions-by-name" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="root" as="node()"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="els" select="key('f:by-name', $name, $root)"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($els) return map:entry(generate-id($els[$i]), $i))"/>
  </xsl:function>

  <!-- The id a pointer names: the first of a @ref/@target list, "#p_KJF2" or "p_KJF2" → "p_KJF2". -->
  <xsl:function name="f:pointer-id" as="xs:string?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="tokenize(normalize-space($pointer), ' ')[1] ! replace(., '^#', '')[. ne '']"/>
  </xsl:function>

  <!-- "oral-message" → "Oral message": an id or type made readable as a label. -->
  <xsl:function name="f:readable" as="xs:string?">
    <xsl:param name="name" as="xs:string?"/>
    <xsl:sequence select="f:capitalise(normalize-space(translate($name, '-_', '  ')))[. ne '']"/>
  </xsl:function>

  <!-- "letter" → "Letter": the first character in upper case. -->
  <xsl:function name="f:capitalise" as="xs:string?">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:sequence select="$s ! (upper-case(substring(., 1, 1)) || substring(., 2))"/>
  </xsl:function>

  <!-- The title of a front or back part: its head as text, else its type made readable
       ("sources" → "Sources"); empty when it has neither (each output has its own word). -->
  <xsl:function name="f:part-title" as="xs:string?">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="($part/head[1] ! f:plain(.)[. ne ''], f:readable($part/@type))[1]"/>
  </xsl:function>

  <!-- The element a same-volume pointer (#d16, #d16fn2, #pg_X, #p_KJF2) names, if any. -->
  <xsl:function name="f:target" as="element()?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:param name="tree" as="node()"/>
    <xsl:sequence select="
      $pointer[starts-with(normalize-space(.), '#')] ! key('f:id', f:pointer-id(.), root($tree))[1]"/>
  </xsl:function>

  <!-- A pointer to another volume: "frus1961-63v05", "frus1961-63v14#pg_387". -->
  <xsl:function name="f:is-volume-pointer" as="xs:boolean">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="matches(normalize-space($pointer), '^frus[A-Za-z0-9-]+(#[A-Za-z0-9_.-]+)?$')"/>
  </xsl:function>

  <!-- "Foreign Relations, 1961–1963, vol. XIV, page 387" style label of a volume pointer. -->
  <xsl:function name="f:volume-pointer-label" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="vol" select="substring-before($pointer || '#', '#')"/>
    <xsl:variable name="frag" select="substring-after($pointer, '#')"/>
    <xsl:variable name="years" select="replace($vol, '^frus(\d{4})-?(\d{2,4})?.*$', '$1$2')"/>
    <xsl:variable name="first" select="substring($years, 1, 4)"/>
    <xsl:variable name="last" select="substring($years, 5)"/>
    <xsl:variable name="number" select="replace($vol, '^.*v(\d+)[A-Za-z0-9-]*$', '$1')"/>
    <xsl:variable name="span" select="
      if ($last eq '') then $first
      else $first || '–' || (if (string-length($last) eq 2) then substring($first, 1, 2) || $last else $last)"/>
    <xsl:sequence select="
      'Foreign Relations, ' || $span
      || (if ($number castable as xs:integer) then ', vol. ' || f:roman(xs:integer($number)) else '')
      || (if (starts-with($frag, 'pg_')) then ', p. ' || substring-after($frag, 'pg_')
          else if (matches($frag, '^d\d+$')) then ', Document ' || substring($frag, 2)
          else if ($frag ne '') then ', ' || $frag else '')"/>
  </xsl:function>

  <!-- Web address of a volume pointer on history.state.gov (the FRUS stable addresses). -->
  <xsl:function name="f:volume-pointer-url" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="vol" select="substring-before($pointer || '#', '#')"/>
    <xsl:variable name="frag" select="substring-after($pointer, '#')"/>
    <xsl:sequence select="'https://history.state.gov/historicaldocuments/' || $vol
      || (if ($frag ne '') then '/' || $frag else '')"/>
  </xsl:function>

  <xsl:function name="f:roman" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="upper-case(format-integer($n, 'i'))"/>
  </xsl:function>

  <!-- ================================================ taxonomies: kind, channel -->

  <!-- The category a catRef of a given scheme points at ("kind", "channel"). -->
  <xsl:function name="f:category" as="element()?">
    <xsl:param name="unit" as="element()"/>
    <xsl:param name="scheme" as="xs:string"/>
    <xsl:variable name="ref" select="(f:header($unit)//catRef[@scheme = '#' || $scheme])[1]"/>
    <xsl:sequence select="$ref ! f:target(tokenize(normalize-space(@target), ' ')[1], .)"/>
  </xsl:function>

  <!-- The label of a category: its catDesc (or gloss/term), else the id made readable
       ("kind-oral-message" → "Oral message"). -->
  <xsl:function name="f:category-label" as="xs:string?">
    <xsl:param name="unit" as="element()"/>
    <xsl:param name="scheme" as="xs:string"/>
    <xsl:variable name="cat" select="f:category($unit, $scheme)"/>
    <xsl:variable name="desc" select="($cat/catDesc/(term, gloss)[1], $cat/catDesc, $cat/gloss)[normalize-space()][1]"/>
    <xsl:sequence select="
      if ($desc) then normalize-space(string-join($desc//text(), ''))
      else f:readable(f:category-key($unit, $scheme))"/>
  </xsl:function>

  <!-- The category id without scheme prefix: "letter", "oral-message", "private". -->
  <xsl:function name="f:category-key" as="xs:string?">
    <xsl:param name="unit" as="element()"/>
    <xsl:param name="scheme" as="xs:string"/>
    <xsl:variable name="ref" select="(f:header($unit)//catRef[@scheme = '#' || $scheme])[1]"/>
    <xsl:sequence select="$ref ! replace(f:pointer-id(@target), '^' || $scheme || '-', '')"/>
  </xsl:function>

  <xsl:function name="f:kind-label" as="xs:string?">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="
      (f:category-label($unit, 'kind'),
       f:document-div($unit)/@subtype[. = 'editorial-note'] ! 'Editorial note')[1]"/>
  </xsl:function>

  <xsl:function name="f:channel-label" as="xs:string?">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="f:category-label($unit, 'channel')"/>
  </xsl:function>

  <xsl:function name="f:is-editorial-note" as="xs:boolean">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="f:document-div($unit)/@subtype = 'editorial-note' or f:category-key($unit, 'kind') = 'editorial-note'"/>
  </xsl:function>

  <!-- Classification terms ("Secret", "Eyes Only"); empty when none is recorded. -->
  <xsl:function name="f:classification" as="xs:string*">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="f:header($unit)//keywords[@scheme = '#classification']/term ! normalize-space()[. ne '']"/>
  </xsl:function>

  <xsl:function name="f:topics" as="xs:string*">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="f:header($unit)//keywords[@scheme = '#topics']/term ! normalize-space()[. ne '']"/>
  </xsl:function>

  <!-- ============================================ correspondence facts -->

  <!-- correspAction of a type: 'sent', 'received', 'transmitted'. -->
  <xsl:function name="f:action" as="element()?">
    <xsl:param name="unit" as="element()"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="(f:header($unit)//correspDesc/correspAction[@type = $type])[1]"/>
  </xsl:function>

  <!-- The agents (persName, orgName, name) of an action, in order. -->
  <xsl:function name="f:agents" as="element()*">
    <xsl:param name="unit" as="element()"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="f:action($unit, $type)/(persName | orgName | name | roleName)"/>
  </xsl:function>

  <!-- The date element that dates the document: sent date, else the dateline's, else the
       header's first date. -->
  <xsl:function name="f:doc-date" as="element()?">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="
      (f:action($unit, 'sent')/date,
       f:document-div($unit)/(dateline | opener/dateline | opener)//date,
       f:header($unit)/fileDesc/(publicationStmt | sourceDesc)//date)[1]"/>
  </xsl:function>

  <!-- The place of sending. -->
  <xsl:function name="f:doc-place" as="xs:string?">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="(f:action($unit, 'sent')/placeName, f:document-div($unit)/dateline//placeName)[1] ! normalize-space()"/>
  </xsl:function>

  <!-- A sortable ISO date (yyyy-mm-dd prefix of @when or @notBefore), or empty. -->
  <xsl:function name="f:sort-date" as="xs:string?">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="($date/(@when, @notBefore, @from, @notAfter, @to))[1] ! replace(., '^(-?\d{4}(-\d{2}(-\d{2})?)?).*$', '$1')"/>
  </xsl:function>

  <!-- ============================================================ dates -->

  <!-- An office with the dates it was held, for the List of Names in every output:
       "President of the United States (January 20, 1961 – November 22, 1963)". -->
  <xsl:function name="f:office" as="xs:string">
    <xsl:param name="occupation" as="element()"/>
    <xsl:variable name="held" select="($occupation/@from, $occupation/@to) ! f:format-iso(.)"/>
    <xsl:sequence select="normalize-space($occupation)
                          || (if (exists($held)) then ' (' || string-join($held, ' – ') || ')' else '')"/>
  </xsl:function>

  <!-- "1961-09-29" → "September 29, 1961"; "1961-09" → "September 1961"; "1961" → "1961".
       A time or zone after the date is ignored: the day is what a reader needs. -->
  <xsl:function name="f:format-iso" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:variable name="d" select="normalize-space($iso)"/>
    <xsl:variable name="day" select="replace($d, '^(\d{4}-\d{2}-\d{2}).*$', '$1')"/>
    <xsl:variable name="month" select="replace($d, '^(\d{4}-\d{2})(-.*)?$', '$1')"/>
    <xsl:sequence select="
      if ($day castable as xs:date) then format-date(xs:date($day), '[MNn] [D], [Y]', 'en', (), ())
      else if ($month castable as xs:gYearMonth) then format-date(xs:date($month || '-01'), '[MNn] [Y]', 'en', (), ())
      else $d"/>
  </xsl:function>

  <!-- A TEI date element as words: @when; @notBefore–@notAfter as "between … and …";
       one end only as "after …" / "before …"; @from/@to as "… to …"; else its text. -->
  <xsl:function name="f:format-date" as="xs:string">
    <xsl:param name="date" as="element()?"/>
    <xsl:variable name="text" select="normalize-space(string-join($date//text()[not(ancestor::note)], ''))"/>
    <xsl:sequence select="
      if (empty($date)) then ''
      else if ($date/@when[normalize-space()]) then f:format-iso($date/@when)
      else if ($date/@notBefore and $date/@notAfter) then
        if (f:format-iso($date/@notBefore) eq f:format-iso($date/@notAfter)) then f:format-iso($date/@notBefore)
        else 'between ' || f:format-iso($date/@notBefore) || ' and ' || f:format-iso($date/@notAfter)
      else if ($date/@from and $date/@to) then f:format-iso($date/@from) || ' to ' || f:format-iso($date/@to)
      else if ($date/@notBefore) then 'after ' || f:format-iso($date/@notBefore)
      else if ($date/@notAfter) then 'before ' || f:format-iso($date/@notAfter)
      else $text"/>
  </xsl:function>

  <!-- The document's date as words, "" if undated. -->
  <xsl:function name="f:doc-date-label" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="f:format-date(f:doc-date($unit))"/>
  </xsl:function>

  <!-- ============================================================ notes -->

  <!-- The source note printed in the text (real FRUS TEI: note type="source" or n="0"), if any.
       Our volume generates it from the header instead (f:source-note). -->
  <xsl:function name="f:inline-source-note" as="element(note)?">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="(f:document-div($unit)//note[@type = 'source' or @n = '0'][not(ancestor::app)])[1]"/>
  </xsl:function>

  <!-- The numbered footnotes of a document, in order: every note of its text except apparatus
       comments and the source note. Notes inside notes are footnotes too (they follow in order). -->
  <xsl:function name="f:footnotes" as="element(note)*">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="f:document-div($unit)//note[not(ancestor::app)][not(ancestor::teiHeader)]
                          except f:inline-source-note($unit)"/>
  </xsl:function>

  <!-- Is this note a footnote (numbered series) rather than an apparatus comment? -->
  <xsl:function name="f:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="empty($note/ancestor::app) and empty($note/ancestor::teiHeader)
                          and not($note/@type = 'source' or $note/@n = '0')"/>
  </xsl:function>

  <!-- A footnote's number as printed: @n when given (the editors' number), else its position
       among the document's footnotes (or, outside documents, among the notes of its part). -->
  <xsl:function name="f:note-number" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:variable name="unit" select="if ($note/@n[normalize-space()]) then () else f:document-of($note)"/>
    <xsl:sequence select="
      if ($note/@n[normalize-space()]) then normalize-space($note/@n)
      else if ($unit) then string(f:footnote-positions($unit)(generate-id($note)))
      else string(index-of((($note/ancestor::div[parent::front or parent::body or parent::back][last()], root($note))[1]//note[f:is-footnote(.)]) ! generate-id(),
                           generate-id($note))[1])"/>
  </xsl:function>

  <!-- Each footnote's and each apparatus entry's place in its document, computed once per
       document: looking it up per note made long texts quadratic. -->
  <xsl:function name="f:footnote-positions" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="map:merge(f:footnotes($unit) ! map {generate-id(.): position()})"/>
  </xsl:function>
  <xsl:function name="f:app-positions" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="map:merge(f:apparatus($unit) ! map {generate-id(.): position()})"/>
  </xsl:function>

  <!-- A footnote's anchor: its xml:id (d21fn1), else document file name + "fn" + position,
       so two notes that share an @n (a known slip) still get distinct anchors. -->
  <xsl:function name="f:note-anchor" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:variable name="unit" select="f:document-of($note)"/>
    <xsl:sequence select="
      if ($note/@xml:id[normalize-space()]) then f:safe-name($note/@xml:id)
      else if ($unit) then f:unclaimed(f:doc-file($unit) || 'fn' || f:footnote-positions($unit)(generate-id($note)), $note)
      else f:anchor($note)"/>
  </xsl:function>

  <!-- The apparatus entries of a document, in order. -->
  <xsl:function name="f:apparatus" as="element(app)*">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="f:document-div($unit)//app"/>
  </xsl:function>

  <!-- An apparatus entry's letter: a, b, … z, aa, ab … (its position in its document). -->
  <xsl:function name="f:app-letter" as="xs:string">
    <xsl:param name="app" as="element(app)"/>
    <xsl:variable name="unit" select="f:document-of($app)"/>
    <xsl:sequence select="f:letters(if ($unit) then f:app-positions($unit)(generate-id($app))
                                    else index-of(root($app)//app ! generate-id(), generate-id($app))[1])"/>
  </xsl:function>

  <!-- Bijective base 26: 1 → a, 26 → z, 27 → aa, 28 → ab. -->
  <xsl:function name="f:letters" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="
      if ($n le 26) then codepoints-to-string(96 + $n)
      else f:letters(($n - 1) idiv 26) || codepoints-to-string(97 + ($n - 1) mod 26)"/>
  </xsl:function>

  <xsl:function name="f:app-anchor" as="xs:string">
    <xsl:param name="app" as="element(app)"/>
    <xsl:variable name="unit" select="f:document-of($app)"/>
    <xsl:sequence select="
      if ($app/@xml:id[normalize-space()]) then f:safe-name($app/@xml:id)
      else f:unclaimed((if ($unit) then f:doc-file($unit) else 'app') || 'app-' || f:app-letter($app), $app)"/>
  </xsl:function>

  <!-- The lemma and the readings the apparatus note gives, and its comment. -->
  <xsl:function name="f:app-lemma" as="element()?">
    <xsl:param name="app" as="element(app)"/>
    <xsl:sequence select="($app/lem, $app/rdg[1])[1]"/>
  </xsl:function>

  <xsl:function name="f:app-readings" as="element(rdg)*">
    <xsl:param name="app" as="element(app)"/>
    <xsl:sequence select="$app/rdg except f:app-lemma($app)"/>
  </xsl:function>

  <!-- The label of a reading's kind: "better translation", "later correction", "original wording". -->
  <xsl:function name="f:reading-label" as="xs:string?">
    <xsl:param name="rdg" as="element(rdg)"/>
    <xsl:sequence select="$rdg/@type[normalize-space()] ! translate(normalize-space(.), '-_', '  ')"/>
  </xsl:function>

  <!-- ========================================================== persons -->

  <!-- The person a pointer names ("#p_KJF2" or "p_KJF2"); several pointers: the first. -->
  <xsl:function name="f:person" as="element(person)?">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:param name="tree" as="node()"/>
    <xsl:variable name="id" select="f:pointer-id($ref)"/>
    <xsl:sequence select="if ($id) then key('f:id', $id, root($tree))[self::person][1] else ()"/>
  </xsl:function>

  <!-- "John F. Kennedy": forenames then surname of the main name (roles and gen. names kept
       in their place); a name without parts is taken as written. -->
  <xsl:function name="f:person-name" as="xs:string">
    <xsl:param name="person" as="element(person)"/>
    <xsl:variable name="name" select="($person/persName[@type = 'main'], $person/persName)[1]"/>
    <xsl:sequence select="
      if ($name/surname and $name/forename)
      then normalize-space(string-join(($name/forename, $name/surname, $name/genName) ! normalize-space(), ' '))
      else if (contains($name, ','))
      then let $parts := tokenize(normalize-space($name), '\s*,\s*')
           return normalize-space($parts[2] || ' ' || $parts[1])
      else normalize-space(string($name))"/>
  </xsl:function>

  <!-- "Kennedy, John F.": the name as it sorts in the List of Names and the index. -->
  <xsl:function name="f:person-sort-name" as="xs:string">
    <xsl:param name="person" as="element(person)"/>
    <xsl:variable name="name" select="($person/persName[@type = 'main'], $person/persName)[1]"/>
    <xsl:sequence select="
      if ($name/surname and $name/forename)
      then normalize-space($name/surname) || ', ' || normalize-space(string-join($name/forename ! normalize-space(), ' '))
      else normalize-space(string($name))"/>
  </xsl:function>

  <!-- All persons of the list, sorted as the List of Names sorts them. -->
  <xsl:function name="f:persons" as="element(person)*">
    <xsl:param name="tree" as="node()"/>
    <xsl:sequence select="sort(root($tree)//listPerson//person[@xml:id], 'http://www.w3.org/2013/collation/UCA?strength=secondary', f:person-sort-name#1)"/>
  </xsl:function>

  <!-- The documents that name a person (in text or header), in volume order. -->
  <xsl:function name="f:documents-naming" as="element()*">
    <xsl:param name="person" as="element(person)"/>
    <xsl:variable name="docs" select="f:documents($person)"/>
    <xsl:variable name="hits" select="key('f:persName-ref', string($person/@xml:id), root($person))"/>
    <xsl:sequence select="$docs[some $h in $hits satisfies exists($h/ancestor-or-self::* intersect .)]"/>
  </xsl:function>

  <!-- ==================================================== abbreviations -->

  <!-- The list item a term points at. -->
  <xsl:function name="f:abbreviation" as="element()?">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:param name="tree" as="node()"/>
    <xsl:variable name="id" select="f:pointer-id($ref)"/>
    <xsl:sequence select="if ($id) then key('f:id', $id, root($tree))[1] else ()"/>
  </xsl:function>

  <!-- The expansion of a term ("Arms Control and Disarmament Agency"), or empty. -->
  <xsl:function name="f:expansion" as="xs:string?">
    <xsl:param name="term" as="element()"/>
    <xsl:variable name="item" select="f:abbreviation($term/@ref, $term)"/>
    <xsl:sequence select="($item/expan, $item/gloss, $term/following-sibling::*[1][self::expan])[1] ! normalize-space()"/>
  </xsl:function>

  <!-- The abbreviation list items, in order. -->
  <xsl:function name="f:abbreviations" as="element()*">
    <xsl:param name="tree" as="node()"/>
    <xsl:sequence select="root($tree)//list[@type = 'abbreviations']/item"/>
  </xsl:function>

  <!-- ====================================================== source note -->

  <!--
    The FRUS-style source note, as a sequence of sentences. Each sentence is an array of
    items: strings (our words: "Source: ", "; ", ".") and the header's own nodes, kept as the
    original nodes (not copies) so that each output renders their markup with its own rules
    and pointers inside them (persName/@ref) still resolve. Order, as the printed volume has it:
      Source: <archival source(s)>. <Classification, or "No classification marking.">
      <Record of an oral message.> <Transmission.> <Translation by …, date.> <Translation note.>
      <Release.> <Also printed in: other volumes.>
    A source note printed in the text (real FRUS TEI) is returned, as one sentence, instead.
    A header that records none of these facts (TEI that is not ours) gives no source note:
    "No classification marking." alone would claim a classification was looked for.
    Pointers to other volumes come as maps: map{'volume-ref': target, 'label': words}.
    Outputs: for each sentence, render its items in order; a space between sentences.
  -->
  <xsl:function name="f:source-note" as="array(item()*)*">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="header" select="f:header($unit)"/>
    <xsl:variable name="inline" select="f:inline-source-note($unit)"/>
    <xsl:variable name="notes" select="$header/fileDesc/notesStmt"/>
    <xsl:variable name="bibls" select="$header/fileDesc/sourceDesc/bibl[@type = ('archival', 'published') or not(@type)]"/>
    <xsl:variable name="classes" select="f:classification($unit)"/>
    <xsl:variable name="elsewhere" select="$notes/relatedItem[@type = 'printed-elsewhere'][normalize-space(@target)]"/>
    <xsl:variable name="translators" select="$header/fileDesc/titleStmt/respStmt[resp/@type = 'translation']"/>
    <xsl:variable name="facts" select="$bibls, $notes/note[@type = ('record', 'transmission', 'translation', 'release')], $translators, $elsewhere"/>
    <xsl:sequence select="
      if ($inline) then [ $inline/node() ]
      else if (empty($facts) and empty($classes)) then ()
      else (
        if ($bibls) then [ 'Source: ', for-each($bibls, function ($b) {
              (if ($b is $bibls[1]) then () else '; '), f:sentence-items($b/node(), false(), false()) }), '.' ]
        else (),
        if (f:is-editorial-note($unit) or (some $b in $bibls satisfies contains(lower-case($b), 'classification marking'))) then ()
        else [ if (exists($classes)) then string-join($classes, '; ') || '.' else 'No classification marking.' ],
        $notes/note[@type = ('record', 'transmission')] ! [ f:sentence-items(node(), true(), true()) ],
        $translators ! f:translator-sentence(.),
        $notes/note[@type = ('translation', 'release')] ! [ f:sentence-items(node(), true(), true()) ],
        if ($elsewhere) then [ 'Also printed in ',
          for-each($elsewhere, function ($r) {
            (if ($r is $elsewhere[1]) then () else if ($r is $elsewhere[last()]) then ' and ' else ', '),
            map { 'volume-ref': normalize-space($r/@target), 'label': f:volume-pointer-label(normalize-space($r/@target)) } }),
          '.' ]
        else ()
      )"/>
  </xsl:function>

  <!-- "Translation by the Soviet Government, September 28, 1961." -->
  <xsl:function name="f:translator-sentence" as="array(item()*)">
    <xsl:param name="resp-stmt" as="element(respStmt)"/>
    <xsl:variable name="who" select="($resp-stmt/(persName | orgName | name))[1]"/>
    <xsl:variable name="when" select="$resp-stmt/resp[@type = 'translation'][@when or @notBefore or @notAfter][1]"/>
    <xsl:sequence select="[
      'Translation by ',
      if ($who and not(normalize-space($who) = ('unidentified', 'unknown'))) then $who else 'an unidentified translator',
      if ($when) then ', ' || f:format-date($when) else (),
      '.' ]"/>
  </xsl:function>

  <!-- Nodes as the items of a sentence: a first text node starting in lower case is capitalised
       (as a string), a final period is removed ($period = false(): we add our own) or added
       ($period = true()). Elements stay original nodes. -->
  <xsl:function name="f:sentence-items" as="item()*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:param name="capitalise" as="xs:boolean"/>
    <xsl:param name="period" as="xs:boolean"/>
    <xsl:variable name="solid" select="$nodes[not(self::text()) or normalize-space()]"/>
    <xsl:variable name="items" select="$nodes[not(. &lt;&lt; $solid[1]) and not(. &gt;&gt; $solid[last()])]"/>
    <xsl:variable name="first" select="$solid[1]"/>
    <xsl:variable name="last" select="$solid[last()]"/>
    <xsl:variable name="body" as="item()*" select="
      for $i in $items return
        if ($i instance of text()) then
          let $a := if ($i is $first) then replace($i, '^\s+', '') else string($i),
              $b := if ($i is $first and $capitalise) then upper-case(substring($a, 1, 1)) || substring($a, 2) else $a
          return if ($i is $last) then replace($b, '[\s.]+$', '') else $b
        else $i"/>
    <xsl:sequence select="$body, if ($period) then '.' else ()"/>
  </xsl:function>

  <!-- ====================================================== plain text -->

  <!-- The reading text of a node: what the reader sees, without notes or variant readings. -->
  <xsl:function name="f:plain" as="xs:string">
    <xsl:param name="node" as="node()?"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$node" mode="f:plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts, ''))"/>
  </xsl:function>

  <!-- text-only-copy: unknown elements give their text, which is what plain text wants. -->
  <xsl:mode name="f:plain" on-no-match="text-only-copy"/>
  <xsl:template match="note | rdg | teiHeader | fw | figDesc" mode="f:plain"/>
  <xsl:template match="lb" mode="f:plain"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="choice" mode="f:plain">
    <xsl:apply-templates select="(reg, expan, corr, *)[1]" mode="f:plain"/>
  </xsl:template>

  <!-- ====================================================== renditions -->

  <!--
    The styles an element's rendition asks for, as canonical tokens: italic, bold, smallcaps,
    underline, strikethrough, superscript, subscript, roman. Read from @rend and @rendition
    (whose other tokens, "center", are kept lower-cased for outputs that use them as classes)
    and from @style (only its recognised values: a CSS declaration is not a class name).
  -->
  <xsl:variable name="f:rend-synonyms" as="map(xs:string, xs:string)" select="map {
      'italic': 'italic', 'italics': 'italic', 'i': 'italic', 'it': 'italic', 'ital': 'italic',
      'slant': 'italic', 'slanted': 'italic', 'oblique': 'italic',
      'bold': 'bold', 'b': 'bold', 'strong': 'bold', 'bolder': 'bold',
      'smallcaps': 'smallcaps', 'small-caps': 'smallcaps', 'sc': 'smallcaps',
      'underline': 'underline', 'underlined': 'underline', 'u': 'underline',
      'strikethrough': 'strikethrough', 'strike': 'strikethrough', 'line-through': 'strikethrough',
      'superscript': 'superscript', 'sup': 'superscript', 'super': 'superscript',
      'subscript': 'subscript', 'sub': 'subscript',
      'roman': 'roman', 'normal': 'roman', 'upright': 'roman' }"/>

  <xsl:function name="f:rend-styles" as="xs:string*">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="named" select="($el/@rend, $el/@rendition) ! tokenize(lower-case(.), '[\s;:(),#]+')[. ne '']"/>
    <xsl:variable name="styled" select="$el/@style ! tokenize(lower-case(.), '[\s;:(),]+')[map:contains($f:rend-synonyms, .)]"/>
    <xsl:sequence select="distinct-values(($named, $styled) ! ($f:rend-synonyms(.), .)[1])"/>
  </xsl:function>

  <!-- ================================================== serialization -->

  <!--
    C1 control characters (U+0080–U+009F) are legal in XML but not in HTML, where they come out
    as character references that validators refuse: NEL (U+0085, a line end) becomes a space,
    the others U+FFFD. Used by the HTML pages (use-character-maps) and by the EPUB's
    serialize() calls ($f:c1-map).
  -->
  <xsl:character-map name="f:c1-controls">
    <xsl:output-character character="&#x80;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x81;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x82;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x83;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x84;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x85;" string=" "/>
    <xsl:output-character character="&#x86;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x87;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x88;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x89;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x8A;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x8B;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x8C;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x8D;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x8E;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x8F;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x90;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x91;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x92;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x93;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x94;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x95;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x96;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x97;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x98;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x99;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x9A;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x9B;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x9C;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x9D;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x9E;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x9F;" string="&#xFFFD;"/>
  </xsl:character-map>

  <xsl:variable name="f:c1-map" as="map(xs:string, xs:string)" select="
    map:merge(for $c in 128 to 159 return
      map:entry(codepoints-to-string($c), if ($c eq 133) then ' ' else codepoints-to-string(65533)))"/>

  <!-- ====================================================== safety -->

  <!--
    A link target from the sources that may become an href, or empty: script-capable schemes
    (javascript:, vbscript:, data:, file:) are refused. Outputs drop the link (keeping its
    text) and report it (f:report, kind unsafe-url).
  -->
  <xsl:function name="f:safe-url" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="u" select="normalize-space($url)"/>
    <!-- browsers ignore control characters and whitespace inside a scheme; invisible ones
         (soft hyphen, zero-width space, other format characters) are dropped here as well, so
         that "javascript&#xAD;:" is refused like "javascript:" rather than kept as a path -->
    <xsl:variable name="bare" select="replace($u, '[\s\p{C}\p{Z}]', '')"/>
    <xsl:variable name="scheme" select="lower-case(replace($bare, '^([A-Za-z][A-Za-z0-9+.-]*):.*$', '$1'))"/>
    <xsl:sequence select="
      if ($u eq '') then ()
      else if (matches($bare, '^[A-Za-z][A-Za-z0-9+.-]*:')
               and not($scheme = ('http', 'https', 'mailto', 'ftp', 'urn', 'doi', 'tel'))) then ()
      else f:uri-escape($u)"/>
  </xsl:function>

  <!-- A kept address made a valid URL: quotes, spaces, &lt; &gt; \ ^ ` { | } and non-ASCII
       percent-encoded (iri-to-uri), a "%" that starts no escape made "%25", every "#" after
       the first made "%23". -->
  <xsl:function name="f:uri-escape" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="percents" select="string-join(analyze-string($url, '%[0-9A-Fa-f]{2}')/*
      ! (if (local-name() eq 'match') then string() else replace(., '%', '%25')))"/>
    <xsl:variable name="hashes" select="
      if (contains($percents, '#'))
      then substring-before($percents, '#') || '#' || replace(substring-after($percents, '#'), '#', '%23')
      else $percents"/>
    <xsl:sequence select="iri-to-uri(replace($hashes, '\p{C}', ''))"/>
  </xsl:function>

  <!-- Element names that are HTML or script rather than TEI: never rendered as elements, their
       content is not even shown as text (a script's source is not the edition's text). -->
  <xsl:variable name="f:foreign-markup" as="xs:string*"
    select="('script', 'iframe', 'object', 'embed', 'style', 'applet', 'frame', 'frameset', 'link', 'meta', 'base', 'form', 'input', 'button', 'svg', 'math', 'template', 'noscript')"/>

  <xsl:function name="f:is-foreign-markup" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="lower-case(local-name($el)) = $f:foreign-markup"/>
  </xsl:function>

  <!--
    Messages for the build to collect. Python reads xsl:message texts starting with
    "fortran-tei:" and prints one warning per distinct (kind, value):
      fortran-tei:unknown-element:NAME     an element no rule of this output handles
      fortran-tei:dropped-element:NAME     script/iframe/… removed with its content
      fortran-tei:unsafe-url:URL           a javascript:/data: target dropped
  -->
  <xsl:template name="f:report">
    <xsl:param name="kind" as="xs:string" required="yes"/>
    <xsl:param name="value" as="xs:string" required="yes"/>
    <xsl:message select="'fortran-tei:' || $kind || ':' || normalize-space($value)"/>
  </xsl:template>

</xsl:stylesheet>
