<?xml version="1.0" encoding="UTF-8"?>
<!--
  epub-text.xsl: TEI text as EPUB 3 XHTML, included by epub.xsl.

  The element templates are html-text.xsl's (mode h:text, its tunnel parameters $phrasing,
  $in-link, $copy, $depth keep the XHTML valid whatever the TEI nests inside what). This
  module overrides, by import precedence, only what an EPUB does differently:
    h:noteref       a epub:type="noteref" to an aside epub:type="footnote" (no popovers)
    h:href(-of)     links between content documents relative to the current file; only
                    web addresses leave the book (a relative URL would be a missing resource)
    h:lang          xml:lang and lang
    pb              a page-list target (epub:type="pagebreak"), not a margin link
    graphic         images are not bundled: their description (figDesc) stays as text
    the inline source note, and the lists that are parts of their own in the book
    (abbreviations, List of Names) as dl.
  The notes of a part (e:notes) are written at its end as asides.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="https://fortran-tei.org/ns/functions"
    xmlns:h="https://fortran-tei.org/ns/html"
    xmlns:e="https://fortran-tei.org/ns/epub-functions"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="html-text.xsl"/>

  <!-- ============================================================ overrides -->

  <xsl:template name="h:lang">
    <xsl:for-each select="@xml:lang[matches(., '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$')]">
      <xsl:attribute name="xml:lang" select="."/>
      <xsl:attribute name="lang" select="."/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="h:noteref">
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="kind" as="xs:string" select="'note'"/>
    <xsl:param name="in-link" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:variable name="class" select="string-join(('noteref', 'app'[$kind eq 'app']), ' ')"/>
    <xsl:choose>
      <xsl:when test="$in-link"><sup class="{$class}" id="{f:ref-id($anchor)}">{$label}</sup></xsl:when>
      <xsl:otherwise>
        <a epub:type="noteref" role="doc-noteref" class="{$class}" id="{f:ref-id($anchor)}" href="#{$anchor}">{$label}</a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A source note printed in the text (real FRUS TEI) is the document's source footnote. -->
  <xsl:template match="note[not(ancestor::app)][@type = 'source' or @n = '0']
                           [exists(f:document-of(.))][. is f:inline-source-note(f:document-of(.))]" mode="h:text" priority="2">
    <xsl:param name="copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($copy)">
      <xsl:call-template name="h:noteref">
        <xsl:with-param name="anchor" select="$e:source-anchor"/>
        <xsl:with-param name="label" select="'*'"/>
        <xsl:with-param name="kind" select="'source'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A page break of the printed original: a page-list target. -->
  <xsl:template match="pb" mode="h:text">
    <xsl:param name="copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($copy) and normalize-space(@n)">
      <span epub:type="pagebreak" role="doc-pagebreak" id="{f:anchor(.)}" class="pagebreak" aria-label="{normalize-space(@n)}"/>
    </xsl:if>
  </xsl:template>

  <!-- Figures: images are not bundled (sources point at the web); their words stay. -->
  <xsl:template match="graphic | media | binaryObject" mode="h:text"/>
  <xsl:template match="figDesc" mode="h:text">
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="'p'"/>
      <xsl:with-param name="class" select="'figdesc'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ links -->

  <!-- Where a pointer leads in the book: "d16.xhtml#d16fn2" relative to the current file, an
       external web address, or nothing (the words stay, the link goes). -->
  <xsl:function name="h:href" as="xs:string?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:param name="from" as="node()"/>
    <xsl:variable name="p" select="normalize-space($pointer)"/>
    <xsl:variable name="target" select="e:target($p, $from)"/>
    <xsl:sequence select="
      if (exists($target)) then h:href-of($target, $from)
      else if (f:is-volume-pointer($p)) then f:volume-pointer-url($p)
      else if (matches($p, '^(https?|mailto):', 'i')) then f:safe-url($p)
      else ()"/>
  </xsl:function>

  <!-- The element a same-volume pointer names: first in the same TEI file, then anywhere. -->
  <xsl:function name="e:target" as="element()?">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="from" as="node()"/>
    <!-- only "#…" names an element of the volume: other pointers are volumes or addresses -->
    <xsl:variable name="id" select="$pointer[starts-with(., '#')] ! f:pointer-id(.)"/>
    <xsl:variable name="tei" select="$from/ancestor::TEI[1]"/>
    <xsl:sequence select="
      if (empty($id)) then ()
      else (if ($tei) then key('f:id', $id, $tei) else (), key('f:id', $id, root($from)))
           [exists(h:href-of(., $from))][1]"/>
  </xsl:function>

  <!-- The href from one rendered node to a rendered element, or nothing when it is not shown. -->
  <xsl:function name="h:href-of" as="xs:string?">
    <xsl:param name="target" as="element()"/>
    <xsl:param name="from" as="node()"/>
    <xsl:variable name="part" select="e:part-of($target)"/>
    <xsl:variable name="file" select="if ($part is e:part-of($from)) then '' else e:file($part)"/>
    <xsl:sequence select="
      if (empty($part) or $target/(ancestor::teiHeader or ancestor::sic or ancestor::orig or ancestor::rdg[not(ancestor::app)])) then ()
      else if ($target is $part) then (if ($file eq '') then '#' || $e:part-anchor else $file)
      else $file || '#' || (if ($target/self::note) then f:note-anchor($target)
                            else if ($target/self::app) then f:app-anchor($target)
                            else f:anchor($target))"/>
  </xsl:function>

  <!-- ============================================================ lists that are parts -->

  <!-- The abbreviations (ACDA — Arms Control and Disarmament Agency) and the List of Names
       (the main name as written, then the description): definition lists. -->
  <xsl:template match="list[@type = 'abbreviations'] | listPerson" mode="h:text">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$phrasing"><xsl:next-match/></xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="head" mode="h:text"/>
        <dl class="{local-name(), @type ! f:safe-name(.)}">
          <xsl:call-template name="h:attrs"/>
          <xsl:apply-templates select="* except head" mode="e:entry"/>
        </dl>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- fail: a list's children are all elements, and the * rule takes any we do not expect. -->
  <xsl:mode name="e:entry" on-no-match="fail"/>
  <xsl:template match="*" mode="e:entry">
    <dd><xsl:apply-templates select="." mode="h:text"/></dd>
  </xsl:template>
  <xsl:template match="label" mode="e:entry">
    <dt><xsl:call-template name="h:attrs"/><xsl:apply-templates mode="h:text"><xsl:with-param name="phrasing" tunnel="yes" select="true()"/></xsl:apply-templates></dt>
  </xsl:template>
  <xsl:template match="item" mode="e:entry">
    <dd><xsl:call-template name="h:attrs"/><xsl:apply-templates mode="h:text"/></dd>
  </xsl:template>
  <xsl:template match="item[abbr]" mode="e:entry">
    <xsl:call-template name="e:entry">
      <xsl:with-param name="term" select="abbr/node()"/>
      <xsl:with-param name="description" select="node() except abbr"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="person" mode="e:entry">
    <xsl:variable name="main" select="(persName[@type = 'main'], persName, *)[1]"/>
    <xsl:call-template name="e:entry">
      <xsl:with-param name="term" select="$main/node()"/>
      <xsl:with-param name="description" as="node()*">
        <xsl:sequence select="note/node()"/>
        <xsl:for-each select="occupation">
          <xsl:value-of select="(if (position() = 1 and ../note) then '. ' else if (position() gt 1) then '; ' else '') || f:office(.)"/>
        </xsl:for-each>
      </xsl:with-param>
      <xsl:with-param name="also" select="persName except $main"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="person[@sameAs][not(*)]" mode="e:entry"/>

  <xsl:template name="e:entry">
    <xsl:param name="term" as="node()*"/>
    <xsl:param name="description" as="node()*"/>
    <xsl:param name="also" as="element()*" select="()"/>
    <dt>
      <xsl:call-template name="h:attrs"/>
      <xsl:apply-templates select="$term" mode="h:text"><xsl:with-param name="phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
    </dt>
    <dd>
      <xsl:apply-templates select="$description" mode="h:text"><xsl:with-param name="phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
      <xsl:if test="exists($also)">
        <xsl:text> (also </xsl:text>
        <xsl:for-each select="$also">
          <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
          <xsl:apply-templates mode="h:text"><xsl:with-param name="phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
        </xsl:for-each>
        <xsl:text>)</xsl:text>
      </xsl:if>
    </dd>
  </xsl:template>

  <!-- ============================================================ notes -->

  <!-- The notes of a part, each an aside the reading system can show in a pop-up. -->
  <xsl:template name="e:notes">
    <xsl:param name="notes" as="element(note)*"/>
    <xsl:param name="apps" as="element(app)*"/>
    <xsl:param name="source-note" as="array(*)*" select="()"/>
    <xsl:param name="source-anchor" as="xs:string?" select="()"/>
    <xsl:if test="exists(($notes, $apps, $source-note))">
      <section class="notes" aria-labelledby="ft-notes">
        <h2 id="ft-notes">Notes</h2>
        <xsl:if test="exists($source-note)">
          <aside epub:type="footnote" role="doc-footnote" id="{$source-anchor}" class="sourcenote">
            <p>
              <a href="#{f:ref-id($source-anchor)}" role="doc-backlink" class="notenum">*</a>
              <xsl:text> </xsl:text>
              <xsl:for-each select="$source-note">
                <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
                <xsl:apply-templates select="?*" mode="e:sentence"/>
              </xsl:for-each>
            </p>
          </aside>
        </xsl:if>
        <xsl:apply-templates select="$notes" mode="e:footnote"/>
        <xsl:apply-templates select="$apps" mode="e:footnote"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The items of a source-note sentence: our strings, the header's nodes, volume pointers
       (fail: f:source-note gives nothing else). -->
  <xsl:mode name="e:sentence" on-no-match="fail"/>
  <xsl:template match=".[. instance of xs:string]" mode="e:sentence">{.}</xsl:template>
  <xsl:template match=".[. instance of map(*)]" mode="e:sentence">
    <a href="{f:volume-pointer-url(?volume-ref)}">{?label}</a>
  </xsl:template>
  <xsl:template match="node()" mode="e:sentence">
    <xsl:apply-templates select="." mode="h:text">
      <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
      <xsl:with-param name="copy" tunnel="yes" select="true()"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- fail: only notes and apparatus entries are footnotes. -->
  <xsl:mode name="e:footnote" on-no-match="fail"/>

  <!-- A footnote: number and text in one paragraph, or the number's own when it holds blocks. -->
  <xsl:template match="note" mode="e:footnote">
    <xsl:variable name="anchor" select="f:note-anchor(.)"/>
    <xsl:variable name="blocks" select="exists(.//(p | ab | lg | list | listBibl | table | figure | quote[parent::note] | cit | div)
                                              [not(ancestor::note except current()/ancestor-or-self::note)][not(ancestor::app)])"/>
    <aside epub:type="footnote" role="doc-footnote" id="{$anchor}">
      <xsl:call-template name="h:lang"/>
      <xsl:variable name="back" as="node()*">
        <a href="#{f:ref-id($anchor)}" role="doc-backlink" class="notenum">{f:note-number(.)}.</a>
        <xsl:text> </xsl:text>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="$blocks">
          <p class="notenum">{$back}</p>
          <xsl:apply-templates mode="h:text"/>
        </xsl:when>
        <xsl:otherwise>
          <p>
            <xsl:sequence select="$back"/>
            <xsl:apply-templates mode="h:text"><xsl:with-param name="phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </aside>
  </xsl:template>

  <!-- "a gleams] glimmering of light (better translation). Comment." -->
  <xsl:template match="app" mode="e:footnote">
    <xsl:variable name="anchor" select="f:app-anchor(.)"/>
    <aside epub:type="footnote" role="doc-footnote" id="{$anchor}" class="app">
      <p>
        <a href="#{f:ref-id($anchor)}" role="doc-backlink" class="notenum">{f:app-letter(.)}</a>
        <xsl:text> </xsl:text>
        <span class="lemma">
          <xsl:apply-templates select="f:app-lemma(.)/node()" mode="h:text">
            <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
            <xsl:with-param name="copy" tunnel="yes" select="true()"/>
          </xsl:apply-templates>
        </span>
        <xsl:text>] </xsl:text>
        <xsl:for-each select="f:app-readings(.)">
          <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
          <span class="reading">
            <xsl:call-template name="h:lang"/>
            <xsl:apply-templates mode="h:text"><xsl:with-param name="phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
          </span>
          <xsl:for-each select="f:reading-label(.)"> ({.})</xsl:for-each>
        </xsl:for-each>
        <xsl:for-each select="note">
          <xsl:text> </xsl:text>
          <span class="comment">
            <xsl:apply-templates mode="h:text"><xsl:with-param name="phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
          </span>
        </xsl:for-each>
      </p>
    </aside>
  </xsl:template>

</xsl:stylesheet>
